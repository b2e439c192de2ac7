-- API keys (PRODUCT.md 1.10): KuCoin-style keys with least privilege. The secret is sealed (AES-GCM under
-- the installation key, the key's id as associated data): signed requests need it back, so it cannot be a
-- hash. The passphrase is kept only as keyed hashes of what a client sends: the plain text (key version 1)
-- and base64(HMAC-SHA256(secret, passphrase)) (versions 2 and 3).
create table api_keys (
    id               uuid primary key,
    account_id       uuid        not null references accounts (id),
    api_key          text        not null unique check (api_key ~ '^[0-9a-f]{24}$'),
    name             text        not null check (length(name) between 1 and 32),
    key_id           text        not null,
    secret           bytea       not null,
    passphrase_plain bytea       not null,
    passphrase_mac   bytea       not null,
    permissions      text        not null,
    ip_allow_list    text        not null default '',
    expires_at       timestamptz,
    state            text        not null check (state in ('ACTIVE', 'SUSPENDED', 'DISABLED', 'DELETED')),
    state_reason     text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    last_used_at     timestamptz,
    last_used_ip     text
);
create index api_keys_account on api_keys (account_id) where state <> 'DELETED';

-- After a lost-factor recovery no key may be created or re-enabled until this time.
create table api_key_blocks (
    account_id    uuid primary key references accounts (id),
    blocked_until timestamptz not null
);
