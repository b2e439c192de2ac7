-- After a lost-factor recovery the account has no second factor left, and must enrol a new one before
-- any sensitive action (PRODUCT.md 1.7). A row here says so; enrolling a passkey or an app removes it.
create table factor_enrolment_required (
    account_id uuid primary key references accounts (id),
    since      timestamptz not null,
    reason     text        not null
);
