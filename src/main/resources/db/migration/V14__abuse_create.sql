-- Password-failure throttles (PRODUCT.md 1.5). One row per subject: an account ('account:<id>'), an
-- identifier that names no account ('identifier:<keyed hash>', so unknown names lock exactly like
-- real ones), or a known browser of a locked account ('device:<id>', the owner's own small budget).
-- An attempt reserves its place (failures + 1, blocked_until set) before the password is compared;
-- a success deletes the row. blocked_until = 'infinity' after the hard cap: only an unlock ends it.
create table login_throttles (
    subject         text primary key,
    failures        int         not null,
    blocked_until   timestamptz,
    last_failure_at timestamptz not null
);

-- Request counters per client IP and per subnet (/24 IPv4, /56 IPv6) in fixed windows; a check weighs
-- the previous window by how much of it still overlaps the sliding window.
create table rate_limit_hits (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (bucket, window_start)
);

-- CAPTCHA solutions already accepted: a keyed digest of each, kept until its challenge expires, so a
-- solution is good for one request only.
create table captcha_spent (
    digest     bytea primary key,
    expires_at timestamptz not null
);
create index captcha_spent_expires on captcha_spent (expires_at);

-- Alarms raised by detectors across all nodes, such as a credential-stuffing wave; while active_until
-- lies ahead, unknown devices must solve a CAPTCHA.
create table abuse_alarms (
    name         text primary key,
    tripped_at   timestamptz not null,
    active_until timestamptz not null,
    attempts     int         not null,
    failures     int         not null
);

-- The stuffing detector counts recent sign-in outcomes across all accounts.
create index security_events_type_time on security_events (type, occurred_at);

-- "Unlock account" codes, sent by email or SMS: ten minutes, five wrong tries, one live code per
-- account (a new request replaces the code and keeps its wrong tries). When the account has a second
-- factor, a right code yields a ticket (stored as a keyed hash) for the second step.
create table unlock_codes (
    account_id        uuid primary key references accounts (id),
    code_hash         bytea       not null,
    channel           text        not null check (channel in ('EMAIL', 'SMS')),
    wrong_attempts    int         not null default 0,
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    used_at           timestamptz,
    ticket_hash       bytea unique,
    ticket_expires_at timestamptz
);
