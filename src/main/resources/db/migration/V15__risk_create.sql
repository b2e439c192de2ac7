-- Where and when each account signed in: the baseline for new-country, new-network, impossible-travel
-- and inactivity signals (risk module).
create table risk_sign_ins (
    id          bigint generated always as identity primary key,
    account_id  uuid        not null references accounts (id),
    occurred_at timestamptz not null,
    ip          text        not null,
    country     char(2),
    asn         bigint
);
create index risk_sign_ins_account on risk_sign_ins (account_id, occurred_at desc);

-- A sign-in flow remembers the risk decision taken at its first proof, and, when the decision asks for
-- a confirmation by email, the keyed hash of that code (single use, wrong tries counted on the row).
alter table signin_flows
    add column risk_steps              text        not null default '',
    add column risk_signals            text        not null default '',
    add column confirmation_code_hash  bytea,
    add column confirmation_expires_at timestamptz,
    add column confirmation_wrong      int         not null default 0;
