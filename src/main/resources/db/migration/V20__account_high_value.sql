-- Accounts whose recovery needs two different reviewers (four-eyes, PRODUCT.md 1.11). Set by staff
-- admins today; the money side will set it from balances when it lands.
alter table accounts add column high_value boolean not null default false;
