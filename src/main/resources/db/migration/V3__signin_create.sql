-- The persisted sign-in flow both the web UI and the JSON API drive (see signin/SignInFlow.md).
create table signin_flows (
    id          uuid primary key,
    state       text        not null,
    account_id  uuid references accounts (id),
    steps_done  text        not null default '',
    remember_me boolean     not null default false,
    client_ip   text        not null,
    user_agent  text        not null,
    session_id  uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    expires_at  timestamptz not null,
    version     int         not null default 0
);
create index signin_flows_expires on signin_flows (expires_at);
