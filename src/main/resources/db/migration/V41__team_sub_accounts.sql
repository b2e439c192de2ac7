-- Sub-accounts (issue 24, KuCoin's model): an account of its own for the ledger, futures and keys, owned by a master
-- account. It has no email, phone or password, so nobody signs in to it; its master acts for it. Names are unique
-- per master, whatever their letter case.
alter table accounts add column master_id uuid references accounts (id);
alter table accounts add column sub_name text;
alter table accounts alter column password_hash drop not null;
alter table accounts drop constraint accounts_check;
alter table accounts add constraint accounts_person_or_sub check (
    (master_id is null and sub_name is null and password_hash is not null and (email is not null or phone is not null))
    or (master_id is not null and sub_name is not null and email is null and phone is null and password_hash is null));
create unique index accounts_sub_names on accounts (master_id, lower(sub_name)) where master_id is not null;
