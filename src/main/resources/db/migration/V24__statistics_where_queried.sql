-- The tables every sign-in appends to (security events, flows, places, sessions) are analysed by
-- autovacuum again and again while they grow: each time it samples up to 30,000 rows and sorts every
-- column's values, long texts with the collation's comparisons. Statistics only help the planner on
-- columns that a query filters, joins, groups or sorts on; these columns are only ever read back, so
-- ANALYZE keeps none for them (target 0) and costs a fraction of what it did. Columns that queries do
-- use (account ids, chain keys, event types and factors, times, ids, countries and networks) keep the
-- default target.
alter table security_events
    alter column outcome set statistics 0,
    alter column reason set statistics 0,
    alter column ip set statistics 0,
    alter column user_agent set statistics 0,
    alter column session_id set statistics 0,
    alter column actor set statistics 0,
    alter column details set statistics 0,
    alter column prev_hash set statistics 0,
    alter column hash set statistics 0;

alter table signin_flows
    alter column state set statistics 0,
    alter column steps_done set statistics 0,
    alter column steps_planned set statistics 0,
    alter column client_ip set statistics 0,
    alter column user_agent set statistics 0,
    alter column risk_steps set statistics 0,
    alter column risk_signals set statistics 0,
    alter column confirmation_code_hash set statistics 0;

alter table sessions
    alter column ip set statistics 0,
    alter column user_agent set statistics 0,
    alter column revoke_reason set statistics 0;

alter table risk_sign_ins
    alter column ip set statistics 0;

alter table devices
    alter column user_agent set statistics 0,
    alter column first_ip set statistics 0,
    alter column last_ip set statistics 0;
