-- Audit chains anyone can check. Events from here on are linked by SHA-256 over a documented encoding
-- (hash version 2, docs/audit.md); those stored before keep the server-keyed HMAC (version 1). The server
-- signs checkpoints of every chain's head with its Ed25519 key, and records what its scheduled
-- verification of each chain last found.
alter table security_events add column hash_version smallint not null default 1 check (hash_version in (1, 2));

create table audit_checkpoints (
    chain_key  text        not null,
    seq        bigint      not null check (seq > 0),
    hash       bytea       not null check (length(hash) = 32),
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  bytea       not null check (length(signature) = 64),
    primary key (chain_key, seq)
);

create table audit_chain_checks (
    chain_key     text        primary key,
    checked_at    timestamptz not null,
    events        bigint      not null,
    broken_at_seq bigint,
    problem       text
);
create index audit_chain_checks_broken on audit_chain_checks (chain_key) where broken_at_seq is not null;
