-- Team members (issue 24): other people's accounts acting for a master account (the team) with a role, for the
-- whole team (sub_accounts null) or for chosen sub-accounts. The owner is the master account itself and has no row.
-- Access is read from these rows, held for share, in the transaction of every team action, so a removal commits
-- only after the actions in flight and every node refuses the next one.
create table team_members (
    team_id      uuid        not null references accounts (id),
    member_id    uuid        not null references accounts (id),
    role         text        not null check (role in ('viewer', 'trader', 'admin')),
    sub_accounts uuid[],
    invited_by   uuid        not null references accounts (id),
    joined_at    timestamptz not null,
    primary key (team_id, member_id),
    check (team_id <> member_id)
);
create index team_members_member on team_members (member_id);

-- An invitation names an email address; only the account with that verified address can accept it, once, within
-- its 72 hours. One open invitation per (team, address).
create table team_invitations (
    id           uuid primary key,
    team_id      uuid        not null references accounts (id),
    email        text        not null,
    role         text        not null check (role in ('viewer', 'trader', 'admin')),
    sub_accounts uuid[],
    invited_by   uuid        not null references accounts (id),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid references accounts (id),
    ended_at     timestamptz,
    ended_how    text check (ended_how in ('accepted', 'declined', 'revoked', 'expired')),
    check ((ended_at is null) = (ended_how is null)),
    check ((accepted_at is null) = (ended_how is distinct from 'accepted'))
);
create unique index team_invitations_open on team_invitations (team_id, email) where ended_at is null;
create index team_invitations_email on team_invitations (email) where ended_at is null;

-- Who made a key: its account's owner (null) or a team member, so a member's keys stay with the team after they
-- leave and are listed with their creator.
alter table api_keys add column created_by uuid references accounts (id);
