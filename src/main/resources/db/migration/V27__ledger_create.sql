-- The double-entry ledger (TigerBeetle's model on PostgreSQL). Amounts are integer minor units of the
-- currency's scale; the four sums of a ledger account grow forever, so they are numeric(38) (TigerBeetle
-- keeps them in u128 for the same reason) while one transfer's amount fits a bigint.

-- Currencies and their chains are configuration: these rows are the default, an operator may add more.
create table currencies (
    code  text primary key check (code ~ '^[A-Z0-9]{2,10}$'),
    name  text not null,
    scale int  not null check (scale between 0 and 18)
);

create table currency_chains (
    currency      text    not null references currencies (code),
    chain         text    not null check (chain ~ '^[A-Z0-9]{2,16}$'),
    chain_id      text    not null,
    name          text    not null,
    confirmations int     not null check (confirmations >= 0),
    needs_memo    boolean not null,
    primary key (currency, chain)
);

insert into currencies (code, name, scale) values
    ('BTC', 'Bitcoin', 8),
    ('ETH', 'Ether', 8),
    ('USDT', 'Tether USD', 6),
    ('KCS', 'KuCoin Token', 6),
    ('XRP', 'XRP', 6);

insert into currency_chains (currency, chain, chain_id, name, confirmations, needs_memo) values
    ('BTC', 'BTC', 'btc', 'Bitcoin network', 2, false),
    ('ETH', 'ERC20', 'eth', 'Ethereum network (ERC20)', 12, false),
    ('USDT', 'ERC20', 'eth', 'Ethereum network (ERC20)', 12, false),
    ('USDT', 'TRC20', 'trx', 'Tron network (TRC20)', 20, false),
    ('KCS', 'KCC', 'kcc', 'KuCoin Community Chain (KCC)', 12, false),
    ('XRP', 'XRP', 'xrp', 'XRP Ledger (memo/tag required)', 1, true);

-- One ledger account per (owner, currency, type) for customers (MAIN = funding, TRADE = spot,
-- CONTRACT = futures) and per (currency, type) for the exchange's own system accounts. A customer's
-- balance is credits_posted - debits_posted; what is held for pending transfers is debits_pending; it
-- never goes below zero, which the transfer statements guard and this check backs.
create table ledger_accounts (
    id              bigint generated always as identity primary key,
    owner_id        uuid references accounts (id),
    currency        text          not null references currencies (code),
    type            text          not null check (type in ('MAIN', 'TRADE', 'CONTRACT', 'DEPOSITS', 'WITHDRAWALS', 'FEES', 'CORRECTIONS')),
    debits_posted   numeric(38, 0) not null default 0 check (debits_posted >= 0),
    credits_posted  numeric(38, 0) not null default 0 check (credits_posted >= 0),
    debits_pending  numeric(38, 0) not null default 0 check (debits_pending >= 0),
    credits_pending numeric(38, 0) not null default 0 check (credits_pending >= 0),
    created_at      timestamptz   not null,
    constraint ledger_accounts_system_has_no_owner
        check ((owner_id is null) = (type in ('DEPOSITS', 'WITHDRAWALS', 'FEES', 'CORRECTIONS'))),
    constraint ledger_accounts_customer_never_negative
        check (owner_id is null or credits_posted - debits_posted - debits_pending >= 0)
);

create unique index ledger_accounts_customer_key on ledger_accounts (owner_id, currency, type) where owner_id is not null;
create unique index ledger_accounts_system_key on ledger_accounts (currency, type) where owner_id is null;

insert into ledger_accounts (owner_id, currency, type, created_at)
select null, c.code, t.type, now()
from currencies c cross join (values ('DEPOSITS'), ('WITHDRAWALS'), ('FEES'), ('CORRECTIONS')) as t (type);

-- Transfers are immutable. The id is the caller's idempotency key. A PENDING transfer holds funds until
-- a POST or VOID transfer names it (once: the unique index); SINGLE moves them at once.
create table ledger_transfers (
    id                uuid primary key,
    debit_account_id  bigint      not null references ledger_accounts (id),
    credit_account_id bigint      not null references ledger_accounts (id),
    currency          text        not null references currencies (code),
    amount            bigint      not null check (amount > 0),
    kind              text        not null check (kind ~ '^[a-z][a-z_]{1,39}$'),
    phase             text        not null check (phase in ('SINGLE', 'PENDING', 'POST', 'VOID')),
    pending_id        uuid references ledger_transfers (id),
    reference         text        check (length(reference) <= 200),
    created_at        timestamptz not null,
    constraint ledger_transfers_two_accounts check (debit_account_id <> credit_account_id),
    constraint ledger_transfers_resolution_names_pending check ((phase in ('POST', 'VOID')) = (pending_id is not null))
);

create unique index ledger_transfers_resolved_once on ledger_transfers (pending_id) where pending_id is not null;

-- One posting per side of a transfer: what it did to that ledger account and the account's balance and
-- holds right after, so a statement reads without summing history. seq orders an account's postings.
create table ledger_postings (
    seq            bigint generated always as identity,
    account_id     bigint         not null references ledger_accounts (id),
    transfer_id    uuid           not null references ledger_transfers (id),
    side           text           not null check (side in ('DEBIT', 'CREDIT')),
    balance_after  numeric(39, 0) not null,
    held_after     numeric(38, 0) not null,
    created_at     timestamptz    not null,
    primary key (account_id, transfer_id)
);

create index ledger_postings_history on ledger_postings (account_id, seq desc);

-- Futures are opened explicitly, once, with the risk statement acknowledged.
create table futures_activations (
    account_id   uuid primary key references accounts (id),
    activated_at timestamptz not null,
    terms        text        not null,
    ip           text        not null
);
