-- When a member became an admin: a new admin's withdrawals from the team wait a day, as after any security change
-- (a stolen owner session must not be able to make an attacker an admin who withdraws at once).
alter table team_members add column admin_since timestamptz;
update team_members set admin_since = joined_at where role = 'admin';
alter table team_members add constraint team_members_admin_since check ((role = 'admin') = (admin_since is not null));
