-- Signed non-GET requests seen inside the timestamp window (KuCoin API): the same signature again is a
-- replay. Kept in PostgreSQL so every node agrees; rows past their window are deleted.
create table kucoin_replays (
    signature_hash bytea       primary key,
    expires_at     timestamptz not null
);
create index kucoin_replays_expiry on kucoin_replays (expires_at);
