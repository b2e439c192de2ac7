-- Staff are not customers: their own table, their own passkeys (the only way they sign in), their own
-- sessions. Roles: SUPPORT, REVIEWER, ADMIN. No default credentials: a new member gets a one-time
-- enrolment link (a keyed hash here) to register a passkey.
create table staff (
    id           uuid primary key,
    username     text        not null unique check (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
    display_name text        not null,
    roles        text        not null,
    user_handle  bytea       not null unique,
    created_at   timestamptz not null,
    disabled_at  timestamptz
);

create table staff_enrolments (
    token_hash bytea primary key,
    staff_id   uuid        not null references staff (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table staff_passkeys (
    id                       uuid primary key,
    staff_id                 uuid        not null references staff (id),
    credential_id            bytea       not null unique,
    attested_credential_data bytea       not null,
    sign_count               bigint      not null,
    created_at               timestamptz not null,
    last_used_at             timestamptz
);

create table staff_challenges (
    id         uuid primary key,
    purpose    text        not null check (purpose in ('ENROL', 'SIGN_IN')),
    challenge  bytea       not null,
    staff_id   uuid references staff (id),
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table staff_sessions (
    id                  uuid primary key,
    staff_id            uuid        not null references staff (id),
    token_hash          bytea       not null unique,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    absolute_expires_at timestamptz not null,
    revoked_at          timestamptz
);
create index staff_sessions_staff on staff_sessions (staff_id) where revoked_at is null;
