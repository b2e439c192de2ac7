-- Forgot-password requests waiting to be handled. The request itself only writes a row here, the same
-- for an address that has an account and one that has not (EN-03: same work, same time); a worker on any
-- node claims rows (SKIP LOCKED), looks the identifier up, and deletes each row as it handles it.
create table password_reset_requests (
    id           bigint generated always as identity primary key,
    identifier   text        not null,
    ip           text        not null,
    user_agent   text        not null,
    requested_at timestamptz not null
);
