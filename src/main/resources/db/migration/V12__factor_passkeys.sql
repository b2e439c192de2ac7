-- Passkeys and security keys (WebAuthn). The user handle is random per account, never the account id,
-- so an authenticator learns nothing about the account. A credential id can be registered once, by
-- one account: the unique index refuses a duplicate even from two concurrent registrations.
create table webauthn_user_handles (
    account_id  uuid primary key references accounts (id),
    user_handle bytea not null unique
);

create table passkeys (
    id                       uuid primary key,
    account_id               uuid        not null references accounts (id),
    credential_id            bytea       not null unique,
    name                     text        not null,
    attested_credential_data bytea       not null,
    sign_count               bigint      not null,
    uv_initialized           boolean     not null,
    backup_eligible          boolean     not null,
    backed_up                boolean     not null,
    transports               text        not null default '',
    created_at               timestamptz not null,
    last_used_at             timestamptz
);
create index passkeys_account on passkeys (account_id);

-- Ceremony challenges: 32 random bytes, bound to one purpose and to the flow or session that asked,
-- five minutes, consumed by one conditional UPDATE (a replayed challenge finds nothing).
create table webauthn_challenges (
    id         uuid primary key,
    purpose    text        not null check (purpose in ('REGISTER', 'SIGN_IN', 'SECOND_FACTOR', 'STEP_UP')),
    challenge  bytea       not null,
    account_id uuid,
    session_id uuid,
    flow_id    uuid,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index webauthn_challenges_expires on webauthn_challenges (expires_at);

-- The second-factor step of a sign-in accepts any allowed factor, not only an authenticator app.
update signin_flows set steps_done = replace(steps_done, 'TOTP', 'SECOND_FACTOR'),
                        steps_planned = replace(steps_planned, 'TOTP', 'SECOND_FACTOR');
