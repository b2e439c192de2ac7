-- SS-07: when a city database is configured, the city is kept beside the country with each session, device
-- and security event, as placed at the time (in the security event's hash from version 2 on).
alter table sessions add column city text check (length(city) <= 100);
alter table devices add column last_city text check (length(last_city) <= 100);
alter table security_events add column city text check (length(city) <= 100);

-- Audit chains, after review. Each event also carries a MAC under the server's hash key over its hash, so
-- whoever can write the table cannot re-link events written since the last checkpoint either; the server
-- checks both. A checkpoint states up to which seq a chain's events use hash version 1 (so an export cannot
-- relabel later events as version 1, whose content only the server can check), is kept per signing key (a new
-- key re-signs every head), and like the events is never changed or deleted.
alter table security_events add column mac bytea;
alter table security_event_chains add column v1_until bigint not null default 0;
update security_event_chains c
   set v1_until = coalesce((select max(e.seq) from security_events e where e.chain_key = c.chain_key
                             and e.hash_version = 1), 0);
alter table audit_checkpoints add column v1_until bigint not null default 0 check (v1_until >= 0);
alter table audit_checkpoints drop constraint audit_checkpoints_pkey;
alter table audit_checkpoints add primary key (chain_key, key_id, seq);
create function audit_checkpoints_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_checkpoints is append-only';
end $$;
create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
    for each row execute function audit_checkpoints_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_checkpoints_append_only();
