-- Transactional outbox: written in the same transaction as the change it reports, delivered later
-- by any node. The body is sealed with AES-GCM because it may carry a one-time code; it is erased
-- once delivered.
create table outbox (
    id              uuid primary key,
    account_id      uuid,
    channel         text        not null check (channel in ('EMAIL', 'SMS')),
    destination     text        not null,
    template        text        not null,
    subject         text        not null,
    body_key_id     text,
    body_ciphertext bytea,
    created_at      timestamptz not null,
    available_at    timestamptz not null,
    attempts        int         not null default 0,
    claimed_by      text,
    claimed_until   timestamptz,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text
);
create index outbox_pending on outbox (available_at) where delivered_at is null and failed_at is null;

-- Where messages go in development when no SMTP server or SMS provider is configured.
create table dev_mailbox (
    id           bigint generated always as identity primary key,
    channel      text        not null,
    destination  text        not null,
    subject      text        not null,
    body         text        not null,
    delivered_at timestamptz not null
);
