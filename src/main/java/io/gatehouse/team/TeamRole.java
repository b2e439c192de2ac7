package io.gatehouse.team;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do in a team, each role all of the one before it and more. The owner is the team's master
 * account itself; members are invited with one of the other three.
 */
public enum TeamRole {

	/** Balances, ledgers, history and the key list (never a secret). */
	VIEWER,
	/** A viewer who also moves funds inside the team and makes trading-only keys for assigned sub-accounts. */
	TRADER,
	/** A trader who also manages members (not admins), sub-accounts and keys with any permission but Transfer. */
	ADMIN,
	/** The master account: the only one who grants admin, changes the whitelist or enables Transfer keys. */
	OWNER;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean atLeast(TeamRole other) {
		return compareTo(other) >= 0;
	}

	/** A role a member can be given: viewer, trader or admin, in any letter case. */
	public static Optional<TeamRole> parseMemberRole(String raw) {
		return switch (raw.strip().toLowerCase(Locale.ROOT)) {
			case "viewer" -> Optional.of(VIEWER);
			case "trader" -> Optional.of(TRADER);
			case "admin" -> Optional.of(ADMIN);
			default -> Optional.empty();
		};
	}
}
