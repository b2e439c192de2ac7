-- SMS codes as a restricted second factor (never enough alone to withdraw, remove a factor or recover).
create table sms_factors (
    account_id uuid primary key references accounts (id),
    phone      text        not null,
    enabled_at timestamptz not null
);

-- One-time codes sent by SMS: bound to one purpose and one request (a sign-in flow or a session), stored
-- only as a keyed hash, ten minutes. A resend replaces the code in the same row, so its wrong-try count
-- and send count carry over; five wrong tries end it.
create table one_time_codes (
    id             uuid primary key,
    account_id     uuid        not null references accounts (id),
    purpose        text        not null check (purpose in ('SMS_ENROL', 'SMS_SIGN_IN')),
    binding        uuid        not null,
    destination    text        not null,
    code_hash      bytea       not null,
    wrong_attempts int         not null default 0,
    sends          int         not null default 1,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz
);
create unique index one_time_codes_current on one_time_codes (account_id, purpose, binding);
create index one_time_codes_expires on one_time_codes (expires_at);

-- Every code sent, for the send limits per account, per destination and per client IP.
create table code_sends (
    id          bigint generated always as identity primary key,
    account_id  uuid,
    destination text        not null,
    ip          text        not null,
    sent_at     timestamptz not null
);
create index code_sends_account on code_sends (account_id, sent_at);
create index code_sends_destination on code_sends (destination, sent_at);
create index code_sends_ip on code_sends (ip, sent_at);
