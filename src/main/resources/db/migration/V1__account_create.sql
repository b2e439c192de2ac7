-- Accounts are the people. An account exists only once its first identifier is verified; pending
-- sign-ups live in registrations, so nobody can pre-claim someone else's address.
create table accounts (
    id                  uuid primary key,
    email               text unique,
    phone               text unique,
    email_verified_at   timestamptz,
    phone_verified_at   timestamptz,
    status              text        not null check (status in ('ACTIVE', 'FROZEN', 'DISABLED')),
    country             char(2)     not null,
    kyc_level           smallint    not null default 0 check (kyc_level between 0 and 3),
    password_hash       text        not null,
    password_changed_at timestamptz not null,
    anti_phishing_code  text,
    created_at          timestamptz not null,
    check (email is not null or phone is not null)
);

-- The last passwords of each account, as Argon2id PHC strings, so a new password can differ from them.
create table password_history (
    id            bigint generated always as identity primary key,
    account_id    uuid        not null references accounts (id),
    password_hash text        not null,
    created_at    timestamptz not null
);
create index password_history_account on password_history (account_id, id desc);

-- A sign-up waiting for its verification code. A decoy row (code_hash null) answers a sign-up for an
-- identifier that already has an account, so both look the same from outside and neither verifies.
create table registrations (
    id               uuid primary key,
    identifier_kind  text        not null check (identifier_kind in ('EMAIL', 'PHONE')),
    identifier       text        not null,
    password_hash    text        not null,
    country          char(2)     not null,
    code_hash        bytea,
    code_expires_at  timestamptz not null,
    wrong_attempts   int         not null default 0,
    sends            int         not null default 1,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    verified_at      timestamptz,
    account_id       uuid references accounts (id)
);
create index registrations_identifier on registrations (identifier);
