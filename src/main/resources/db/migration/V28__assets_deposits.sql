-- Deposit addresses come from the exchange's wallet service, which fills a pool per chain; one address
-- is assigned per (account, currency, chain) when the owner first asks. A memo, where the chain needs
-- one, is part of the address.
create table deposit_addresses (
    id          bigint generated always as identity primary key,
    chain       text        not null check (chain ~ '^[A-Z0-9]{2,16}$'),
    address     text        not null check (length(address) between 1 and 128),
    memo        text        check (length(memo) between 1 and 64),
    account_id  uuid references accounts (id),
    currency    text references currencies (code),
    assigned_at timestamptz,
    created_at  timestamptz not null,
    constraint deposit_addresses_assigned_whole
        check ((account_id is null) = (assigned_at is null) and (account_id is null) = (currency is null))
);

create unique index deposit_addresses_key on deposit_addresses (chain, address, coalesce(memo, ''));
create unique index deposit_addresses_one_per_owner on deposit_addresses (account_id, currency, chain) where account_id is not null;
create index deposit_addresses_free on deposit_addresses (chain, id) where account_id is null;

-- Deposits the wallet service credited: one per chain output, its ledger transfer beside it.
create table deposits (
    transfer_id      uuid        primary key references ledger_transfers (id),
    account_id       uuid        not null references accounts (id),
    currency         text        not null references currencies (code),
    chain            text        not null,
    transaction_hash text        not null check (length(transaction_hash) between 1 and 128),
    output_index     int         not null check (output_index >= 0),
    address          text        not null,
    memo             text,
    amount           bigint      not null check (amount > 0),
    credited_at      timestamptz not null,
    constraint deposits_once_per_output unique (chain, transaction_hash, output_index)
);

create index deposits_by_account on deposits (account_id, credited_at desc);
