-- Support requests (issue 25): a signed-in person asks for help; staff with the support role answer. What people
-- write is sealed (SecretBox) like KYC details: descriptions often carry personal data. Attachments are images
-- rebuilt from their pixels by the identity-document checks, sealed too.
create table support_requests (
    id               uuid primary key,
    account_id       uuid        not null references accounts (id),
    category         text        not null check (category in ('cannot_sign_in', 'lost_second_factor',
                                                              'suspicious_activity', 'money', 'other')),
    transaction_ids  text[]      not null default '{}',
    status           text        not null check (status in ('open', 'answered', 'closed')),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    closed_by        text,
    opened_ip        text        not null,
    opened_device    text        not null
);
create index support_requests_by_account on support_requests (account_id, created_at desc);
create index support_requests_waiting on support_requests (updated_at) where status = 'open';

create table support_messages (
    id           uuid primary key,
    request_id   uuid        not null references support_requests (id),
    author       text        not null check (author in ('customer', 'staff')),
    staff_name   text,
    key_id       text        not null,
    sealed_body  bytea       not null,
    created_at   timestamptz not null
);
create index support_messages_by_request on support_messages (request_id, created_at);

create table support_attachments (
    id            uuid primary key,
    message_id    uuid    not null references support_messages (id),
    content_type  text    not null,
    width         int     not null,
    height        int     not null,
    key_id        text    not null,
    sealed        bytea   not null
);
create index support_attachments_by_message on support_attachments (message_id);

-- Signed out, a person proves their email or phone with a code and gets a support pass: a short-lived holder
-- token (only its keyed hash here, in a __Host- cookie on their browser) that may open and follow that account's
-- requests, nothing else. A pass for an identifier without an account exists too (same answers, no code sent),
-- so the flow does not tell which addresses have accounts.
create table support_passes (
    id            uuid primary key,
    holder_hash   bytea       not null unique,
    account_id    uuid        references accounts (id),
    destination   text        not null,
    code_hash     bytea       not null,
    attempts      int         not null default 0,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    verified_at   timestamptz
);
create index support_passes_expired on support_passes (expires_at);
