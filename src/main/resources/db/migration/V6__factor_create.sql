-- Second factors. The TOTP seed is sealed with AES-GCM under a key outside the database; last_used_step
-- is the high-water mark that makes every time step usable once (RFC 6238 §5.2).
create table factors (
    id                uuid primary key,
    account_id        uuid        not null references accounts (id),
    kind              text        not null check (kind in ('TOTP')),
    status            text        not null check (status in ('PENDING', 'ACTIVE')),
    secret_key_id     text        not null,
    secret_ciphertext bytea       not null,
    last_used_step    bigint      not null default -1,
    created_at        timestamptz not null,
    activated_at      timestamptz,
    last_used_at      timestamptz
);
create index factors_account on factors (account_id);
create unique index factors_one_active_totp on factors (account_id) where kind = 'TOTP' and status = 'ACTIVE';

-- Consecutive second-factor failures per account: survives new sign-in flows and resends (LG-10).
create table factor_failures (
    account_id     uuid primary key references accounts (id),
    consecutive    int         not null,
    last_failed_at timestamptz not null
);


-- The steps a sign-in flow will take, known once the account is identified (for "step N of M").
alter table signin_flows add column steps_planned text not null default 'PASSWORD';
