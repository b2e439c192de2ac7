-- SS-07: the approximate location (country) is kept with each session, device and security event, as the
-- country database placed the address at the time: a later database must not rewrite where it was.
alter table sessions add column country text check (country ~ '^[A-Z]{2}$');
alter table devices add column last_country text check (last_country ~ '^[A-Z]{2}$');
alter table security_events add column country text check (country ~ '^[A-Z]{2}$');
