-- Signed non-GET requests seen inside the timestamp window (KuCoin API): the same signature again is a
-- replay. Kept in PostgreSQL so every node agrees; rows past their window are deleted.
create table kucoin_replays (
    signature_hash bytea       primary key,
    expires_at     timestamptz not null
);
create index kucoin_replays_expiry on kucoin_replays (expires_at);

-- Requests per key and per address in fixed windows (KuCoin's gw-ratelimit-* headers), counted here so every
-- node enforces one budget. Old windows are deleted.
create table kucoin_rate_hits (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (bucket, window_start)
);
