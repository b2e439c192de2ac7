-- One Ethereum transaction can pay the native coin and a token at the same output index: a deposit is one
-- per (chain, transaction, output, currency). Hashes are stored in one canonical spelling (Deposits.canonical).
alter table deposits drop constraint deposits_once_per_output;
alter table deposits add constraint deposits_once_per_output unique (chain, transaction_hash, output_index, currency);
