-- Security cooldown (decision D10): after a security change, withdrawals stay locked until this moment.
-- A new trigger extends it to "latest + duration"; nothing shortens it.
alter table accounts add column withdrawals_locked_until timestamptz;
