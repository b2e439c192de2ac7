-- "This wasn't me → freeze": every security email carries a link of its own, a 256-bit token stored as
-- a keyed hash. Spending one freezes the account without signing in; each works once, for 30 days.
create table freeze_links (
    token_hash bytea primary key,
    account_id uuid        not null references accounts (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index freeze_links_account on freeze_links (account_id);
create index freeze_links_expires on freeze_links (expires_at);
