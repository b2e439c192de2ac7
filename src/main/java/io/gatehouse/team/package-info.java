/**
 * Teams (issue 24). Sub-accounts in KuCoin's model: a master account creates named sub-accounts, each an account of
 * its own for the ledger, futures and keys that nobody signs in to; moves funds to and from them
 * ({@link io.gatehouse.assets.SubTransfers}); sees all their balances in one view; and freezes them. Members: the
 * master (the team's owner) invites other accounts as viewer, trader or admin ({@link io.gatehouse.team.Members});
 * they act for the team ({@link io.gatehouse.team.TeamActions}) as their role allows, checked against PostgreSQL on
 * every request ({@link io.gatehouse.team.TeamAccess}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "assets", "audit", "factor", "factor :: web", "geo", "kernel", "ledger", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.team;
