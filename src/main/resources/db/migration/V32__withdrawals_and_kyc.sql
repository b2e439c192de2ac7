-- Withdrawals (PRODUCT.md 1.9): what each chain charges and the least it sends, in the currency's minor units.
alter table currency_chains
    add column withdrawal_fee     bigint not null default 0 check (withdrawal_fee >= 0),
    add column withdrawal_minimum bigint not null default 1 check (withdrawal_minimum > 0);

update currency_chains set withdrawal_fee = 50000, withdrawal_minimum = 100000 where currency = 'BTC';
update currency_chains set withdrawal_fee = 400000, withdrawal_minimum = 1000000 where currency = 'ETH';
update currency_chains set withdrawal_fee = 5000000, withdrawal_minimum = 10000000 where currency = 'USDT' and chain = 'ERC20';
update currency_chains set withdrawal_fee = 1000000, withdrawal_minimum = 10000000 where currency = 'USDT' and chain = 'TRC20';
update currency_chains set withdrawal_fee = 10000, withdrawal_minimum = 100000 where currency = 'KCS';
update currency_chains set withdrawal_fee = 250000, withdrawal_minimum = 20000000 where currency = 'XRP';

-- Prices in the reference currency (per whole unit), as the exchange's price service last reported them.
create table reference_prices (
    currency   text           primary key references currencies (code),
    price      numeric(38, 18) not null check (price > 0),
    updated_at timestamptz    not null
);

-- Per account: the whitelist switch (turning it off takes effect at whitelist_off_at, and can be
-- cancelled until then) and the review window after a lost-factor recovery. The row is also what a
-- withdrawal request holds, so one account's requests take turns.
create table withdrawal_settings (
    account_id       uuid primary key references accounts (id),
    whitelist_on     boolean     not null default false,
    whitelist_off_at timestamptz,
    review_until     timestamptz
);

-- The address book: canonical address and memo per (currency, chain); usable only from usable_at.
create table withdrawal_addresses (
    id         uuid primary key,
    account_id uuid        not null references accounts (id),
    currency   text        not null,
    chain      text        not null,
    address    text        not null check (length(address) between 1 and 128),
    memo       text        not null default '' check (length(memo) <= 64),
    label      text        not null check (length(label) between 1 and 40),
    usable_at  timestamptz not null,
    created_at timestamptz not null,
    removed_at timestamptz,
    foreign key (currency, chain) references currency_chains (currency, chain)
);
create unique index withdrawal_addresses_once on withdrawal_addresses (account_id, currency, chain, address, memo)
    where removed_at is null;

-- A withdrawal: REVIEW (staff) → WAITING (for the wallet service) → PROCESSING (claimed, leased) →
-- SUCCESS or FAILURE; CANCELLED from REVIEW or WAITING. Its funds are held by ledger transfers from the
-- moment it exists: the amount towards WITHDRAWALS, the fee towards FEES. outcome_reason is a stable code
-- the owner may read; wallet_note the wallet's own words, for staff. claims counts the wallet's claims: more
-- than one means an earlier worker may have sent it.
create table withdrawals (
    id               uuid primary key,
    account_id       uuid           not null references accounts (id),
    client_oid       text           not null check (client_oid ~ '^[A-Za-z0-9_-]{1,64}$'),
    currency         text           not null,
    chain            text           not null,
    address          text           not null,
    memo             text           not null default '',
    amount           bigint         not null check (amount > 0),
    fee              bigint         not null check (fee >= 0),
    reference_value  numeric(38, 0) not null check (reference_value >= 0),
    status           text           not null check (status in ('REVIEW', 'WAITING', 'PROCESSING', 'SUCCESS', 'FAILURE', 'CANCELLED')),
    review_reasons   text           not null default '',
    approvals_needed smallint       not null default 0 check (approvals_needed between 0 and 2),
    hold_id          uuid           not null references ledger_transfers (id),
    fee_hold_id      uuid references ledger_transfers (id),
    tx_id            text check (length(tx_id) <= 128),
    outcome_reason   text check (length(outcome_reason) <= 200),
    wallet_note      text check (length(wallet_note) <= 200),
    claims           int            not null default 0,
    lease_until      timestamptz,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null,
    unique (account_id, client_oid),
    foreign key (currency, chain) references currency_chains (currency, chain)
);
create index withdrawals_history on withdrawals (account_id, created_at desc);
create index withdrawals_open on withdrawals (status, created_at) where status in ('REVIEW', 'WAITING', 'PROCESSING');

-- Each reviewer decides once per withdrawal; above the second threshold two different ones must approve.
create table withdrawal_reviews (
    withdrawal_id uuid        not null references withdrawals (id),
    staff_id      uuid        not null,
    staff_name    text        not null,
    decision      text        not null check (decision in ('APPROVE', 'REJECT')),
    reason        text        not null check (length(reason) between 5 and 1000),
    decided_at    timestamptz not null,
    primary key (withdrawal_id, staff_id)
);

-- The 6-digit email code that confirms one withdrawal: bound to the account and the withdrawal's
-- parameters (not the session, which step-up rotates), 10 minutes, 5 wrong tries, used once; a new code
-- replaces the older ones. Only its keyed hash is kept.
create table withdrawal_codes (
    id          uuid primary key,
    account_id  uuid        not null references accounts (id),
    params_hash bytea       not null,
    code_hash   bytea       not null,
    failures    int         not null default 0,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index withdrawal_codes_recent on withdrawal_codes (account_id, created_at);

-- KYC: one application at a time per account, its personal details and photos sealed (AES-GCM, the ids as
-- associated data); a reviewer sets the level or rejects with a reason.
create table kyc_applications (
    id           uuid primary key,
    account_id   uuid        not null references accounts (id),
    country      text        not null check (country ~ '^[A-Z]{2}$'),
    key_id       text        not null,
    details      bytea       not null,
    status       text        not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED')),
    level        smallint check (level between 1 and 3),
    reason       text check (length(reason) <= 1000),
    submitted_at timestamptz not null,
    decided_by   uuid,
    decided_name text,
    decided_at   timestamptz,
    constraint kyc_applications_decided check ((status = 'SUBMITTED') = (decided_at is null))
);
create unique index kyc_applications_one_open on kyc_applications (account_id) where status = 'SUBMITTED';
create index kyc_applications_queue on kyc_applications (submitted_at) where status = 'SUBMITTED';

create table kyc_documents (
    id             uuid primary key,
    application_id uuid        not null references kyc_applications (id),
    kind           text        not null check (kind in ('ID_DOCUMENT', 'SELFIE')),
    content_type   text        not null check (content_type in ('image/jpeg', 'image/png')),
    width          int         not null,
    height         int         not null,
    key_id         text        not null,
    sealed         bytea       not null,
    unique (application_id, kind)
);
