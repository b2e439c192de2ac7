-- Every password sign-in reads its account's latest 50 places (risk module, SignInPlaces.latestPerPlace),
-- newest first with the id as tie-breaker. The old index (account_id, occurred_at desc) made PostgreSQL
-- sort each time on the id and fetch 50 heap rows, scattered over as many pages because every account's
-- sign-ins interleave with everyone else's. This index has the query's whole order and carries the
-- columns it returns, so the read is an index-only scan over one or two leaf pages once autovacuum has
-- marked the table's pages all-visible (an insert-only table is vacuumed by its insert count): about
-- 30 against 49 microseconds per read in a test with 400 accounts of 200 sign-ins each.
drop index risk_sign_ins_account;
create index risk_sign_ins_account on risk_sign_ins (account_id, occurred_at desc, id desc) include (ip, country, asn);
