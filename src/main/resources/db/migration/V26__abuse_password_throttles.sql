-- The glossary says sign-in, never login: the password-failure throttle's table is named for what it
-- counts. Only the name changes; rows, keys and meaning stay as V14 made them.
alter table login_throttles rename to password_throttles;
alter table password_throttles rename constraint login_throttles_pkey to password_throttles_pkey;
