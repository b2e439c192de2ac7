-- After review of V39. A start does the same work whether or not the address has an account: the code waits here,
-- sealed with the address it goes to, and a background sender (SupportCodeSender) sends it, or for an address
-- without an account just erases it; so no answer and no timing says which addresses have accounts. Starts are
-- counted per address (keyed hash) as well as per network. A request records how it was opened: a support pass
-- (proof of the email or phone alone) sees only the requests opened with a pass, never the signed-in ones.
alter table support_passes add column destination_hash bytea;
alter table support_passes add column pending_key text;
alter table support_passes add column pending bytea;
alter table support_passes add column requested_ip text;
alter table support_passes add column requested_device text;
update support_passes set destination_hash = holder_hash where destination_hash is null;
alter table support_passes alter column destination_hash set not null;
create index support_passes_by_destination on support_passes (destination_hash, created_at);
create index support_passes_pending on support_passes (created_at) where pending is not null;

alter table support_requests add column opened_via text not null default 'session'
    check (opened_via in ('session', 'code'));
