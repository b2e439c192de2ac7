-- Changing the account's email address or phone number (PRODUCT.md 1.7, SU-05, OB-08). A change waits
-- here until the six-digit code sent to the new address comes back from the session that asked for it;
-- only then does the account change. The old address is told, with a single-use revert link (a 256-bit
-- token kept as a keyed hash) that works for the revert window.
create table contact_changes (
    id                uuid primary key,
    account_id        uuid        not null references accounts (id),
    kind              text        not null check (kind in ('EMAIL', 'PHONE')),
    session_id        uuid        not null,
    old_value         text,
    new_value         text        not null,
    -- Null for a decoy: the new address belongs to another account, so no code exists to confirm with.
    code_hash         bytea,
    code_expires_at   timestamptz not null,
    wrong_attempts    int         not null default 0,
    sends             int         not null default 1,
    status            text        not null check (status in ('PENDING', 'CONFIRMED', 'REVERTED', 'CANCELLED')),
    created_at        timestamptz not null,
    confirmed_at      timestamptz,
    revert_token_hash bytea unique,
    revert_expires_at timestamptz,
    reverted_at       timestamptz,
    ended_reason      text
);
-- One change of each kind in flight per account: a new start replaces the old one.
create unique index contact_changes_pending on contact_changes (account_id, kind) where status = 'PENDING';
create index contact_changes_account on contact_changes (account_id, created_at);
create index contact_changes_destination on contact_changes (new_value, created_at);
