-- At most one authenticator set-up waits for confirmation per account: two concurrent starts cannot
-- leave two pending seeds behind.
create unique index factors_one_pending_totp on factors (account_id) where kind = 'TOTP' and status = 'PENDING';
