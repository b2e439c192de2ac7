-- The API key that requested a withdrawal, when a key did: revoking the key cancels what it asked for and the
-- wallet has not picked up.
alter table withdrawals add column api_key_id uuid;
create index withdrawals_by_key on withdrawals (api_key_id) where api_key_id is not null;
