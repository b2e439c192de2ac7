-- Forgot password: at most one live reset secret per account (a newer request replaces it), stored as a
-- keyed hash: a link's 256-bit token, or a texted 6-digit code (keyed with the account id).
create table password_resets (
    account_id     uuid primary key references accounts (id),
    kind           text        not null check (kind in ('LINK', 'CODE')),
    secret_hash    bytea       not null unique,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    wrong_attempts int         not null default 0,
    used_at        timestamptz
);
create index password_resets_expires on password_resets (expires_at);
