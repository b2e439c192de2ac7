-- A correction is a new transfer against the CORRECTIONS system account, never an edit: proposed by one
-- staff member, applied only when a different one approves it (four-eyes).
create table ledger_corrections (
    id           uuid primary key,
    account_id   uuid        not null references accounts (id),
    currency     text        not null references currencies (code),
    type         text        not null check (type in ('MAIN', 'TRADE', 'CONTRACT')),
    direction    text        not null check (direction in ('CREDIT', 'DEBIT')),
    amount       bigint      not null check (amount > 0),
    reason       text        not null check (length(reason) between 5 and 1000),
    status       text        not null check (status in ('PROPOSED', 'APPLIED', 'REJECTED', 'FAILED')),
    proposed_by  uuid        not null,
    proposed_at  timestamptz not null,
    decided_by   uuid,
    decided_at   timestamptz,
    transfer_id  uuid references ledger_transfers (id),
    constraint ledger_corrections_four_eyes check (decided_by is null or decided_by <> proposed_by),
    constraint ledger_corrections_decided check ((status = 'PROPOSED') = (decided_by is null))
);

create index ledger_corrections_open on ledger_corrections (proposed_at) where status = 'PROPOSED';
