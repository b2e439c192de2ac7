-- Append-only security event log, hash-chained per chain (an account, or 'anonymous' for events
-- about identifiers that match no account). Never holds secrets.
create table security_events (
    id          bigint generated always as identity primary key,
    chain_key   text        not null,
    seq         bigint      not null,
    account_id  uuid,
    occurred_at timestamptz not null,
    type        text        not null,
    outcome     text        not null,
    reason      text,
    ip          text,
    user_agent  text,
    session_id  uuid,
    factor      text,
    actor       text        not null,
    details     text        not null default '{}',
    prev_hash   bytea       not null,
    hash        bytea       not null,
    unique (chain_key, seq)
);
create index security_events_account on security_events (account_id, id desc);

create table security_event_chains (
    chain_key text primary key,
    last_seq  bigint not null,
    last_hash bytea  not null
);

-- The log is append-only for everyone who connects, the application included.
create function security_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'security_events is append-only';
end;
$$;
create trigger security_events_no_update before update or delete on security_events
    for each row execute function security_events_append_only();
create trigger security_events_no_truncate before truncate on security_events
    for each statement execute function security_events_append_only();
