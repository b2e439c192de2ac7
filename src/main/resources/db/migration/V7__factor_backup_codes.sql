-- Backup codes: 10 per generation, 80 bits each, stored only as keyed hashes; regenerating deletes the
-- previous generation. A code is used by one conditional UPDATE (BC-03).
create table backup_codes (
    id         bigint generated always as identity primary key,
    account_id uuid        not null references accounts (id),
    code_hash  bytea       not null,
    created_at timestamptz not null,
    used_at    timestamptz
);
create index backup_codes_account on backup_codes (account_id) where used_at is null;
