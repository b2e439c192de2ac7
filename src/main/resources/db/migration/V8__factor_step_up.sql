-- Step-up proofs: issued after fresh verification, bound to account, session, action and a hash of the
-- action's parameters; single use, five minutes. Stored only as a keyed hash of the proof token.
create table step_up_proofs (
    id          uuid primary key,
    account_id  uuid        not null references accounts (id),
    session_id  uuid        not null,
    action      text        not null,
    params_hash bytea       not null,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index step_up_proofs_expires on step_up_proofs (expires_at);
