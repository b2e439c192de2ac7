-- Lost second factor and unfreeze: a recovery case collects proofs (password at the start, then codes
-- sent to the account's email and phone, then an ID document and a selfie for KYC'd accounts), goes to
-- staff review, waits (72 h for a lost factor) and completes. The holder's secret and the cancel link's
-- secret are keyed hashes; codes too. One open case per account.
create table recovery_cases (
    id                 uuid primary key,
    account_id         uuid        not null references accounts (id),
    kind               text        not null check (kind in ('LOST_FACTOR', 'UNFREEZE')),
    status             text        not null check (status in ('COLLECTING', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED',
                                                              'REJECTED', 'COMPLETED', 'CANCELLED')),
    holder_hash        bytea       not null unique,
    cancel_hash        bytea       not null unique,
    email_required     boolean     not null,
    phone_required     boolean     not null,
    documents_required boolean     not null,
    approvals_required int         not null check (approvals_required between 1 and 2),
    email_code_hash    bytea,
    phone_code_hash    bytea,
    codes_expire_at    timestamptz,
    wrong_codes        int         not null default 0,
    email_proved_at    timestamptz,
    phone_proved_at    timestamptz,
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    submitted_at       timestamptz,
    decided_at         timestamptz,
    waiting_until      timestamptz,
    completed_at       timestamptz,
    cancelled_at       timestamptz,
    cancel_reason      text
);
create unique index recovery_cases_one_open on recovery_cases (account_id)
    where status in ('COLLECTING', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED');
create index recovery_cases_queue on recovery_cases (status, submitted_at);

-- Each reviewer decides once per case; two approvals from different reviewers for high-value accounts.
create table recovery_reviews (
    case_id    uuid        not null references recovery_cases (id),
    staff_id   uuid        not null,
    staff_name text        not null,
    decision   text        not null check (decision in ('APPROVE', 'REJECT')),
    reason     text        not null check (length(reason) between 5 and 1000),
    decided_at timestamptz not null,
    primary key (case_id, staff_id)
);

-- Identity evidence, sealed with AES-GCM (the case and document ids are the associated data). Never
-- served at a public URL: only to reviewers, through the staff console.
create table recovery_documents (
    id           uuid primary key,
    case_id      uuid        not null references recovery_cases (id),
    kind         text        not null check (kind in ('ID_DOCUMENT', 'SELFIE')),
    content_type text        not null check (content_type in ('image/jpeg', 'image/png')),
    size_bytes   int         not null,
    width        int         not null,
    height       int         not null,
    key_id       text        not null,
    sealed       bytea       not null,
    created_at   timestamptz not null,
    unique (case_id, kind)
);
