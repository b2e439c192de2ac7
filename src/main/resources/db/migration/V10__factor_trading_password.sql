-- The trading (fund) password: separate from the login password, Argon2id, with its own attempt limit
-- (5 wrong → locked for 2 hours and the owner alerted).
create table trading_passwords (
    account_id    uuid primary key references accounts (id),
    password_hash text        not null,
    failures      int         not null default 0,
    locked_until  timestamptz,
    changed_at    timestamptz not null
);
