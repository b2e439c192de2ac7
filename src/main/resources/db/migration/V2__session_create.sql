-- A browser that has signed in successfully to an account, recognised by a device cookie stored only
-- as a keyed hash. One browser shared by two accounts is one device row for each.
create table devices (
    id            uuid primary key,
    account_id    uuid        not null references accounts (id),
    token_hash    bytea       not null,
    user_agent    text        not null,
    first_ip      text        not null,
    last_ip       text        not null,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null
);
create unique index devices_token_account on devices (token_hash, account_id);
create index devices_account on devices (account_id);

-- Sessions: opaque 256-bit tokens, stored only as keyed hashes.
create table sessions (
    id                  uuid primary key,
    account_id          uuid        not null references accounts (id),
    token_hash          bytea       not null unique,
    device_id           uuid references devices (id),
    ip                  text        not null,
    user_agent          text        not null,
    remember_me         boolean     not null,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    absolute_expires_at timestamptz not null,
    revoked_at          timestamptz,
    revoke_reason       text
);
create index sessions_account_live on sessions (account_id) where revoked_at is null;
