-- In-app notifications: every message to an account also lands here, written in the same transaction as the
-- outbox row. Only the subject and the channels are kept, never the body: a code, a reset link or a freeze link
-- stays in the email or text message, so a stolen session cannot read what a second channel was meant to prove.
-- One row per notice: the same notice sent by email and SMS in one transaction is one row with both channels.
create table notifications (
    id          uuid primary key,
    account_id  uuid        not null references accounts (id) on delete cascade,
    template    text        not null,
    subject     text        not null,
    channels    text[]      not null,
    created_at  timestamptz not null,
    read_at     timestamptz,
    xact        xid8        not null default pg_current_xact_id(),
    unique (account_id, template, xact)
);
create index notifications_by_account on notifications (account_id, created_at desc);
create index notifications_unread on notifications (account_id) where read_at is null;
