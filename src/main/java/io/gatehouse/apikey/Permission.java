package io.gatehouse.apikey;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do, by KuCoin's permission tokens (as {@code GET /api/v1/user/api-key} reports them).
 * {@code InnerTransfer} is the docs' "FlexTransfers"; {@code Transfer} is the docs' "Withdrawal".
 */
public enum Permission {

	/** Read-only: balances, statements, addresses, history. Every key has it. */
	GENERAL("General", "Read balances, statements, deposit addresses and history. Every key can."),

	SPOT("Spot", "Place and cancel spot orders, and move funds between your own Funding and Spot."),

	MARGIN("Margin", "Place and cancel margin orders."),

	FUTURES("Futures", "Place and cancel futures orders, and move funds into and out of Futures."),

	INNER_TRANSFER("InnerTransfer", "Move funds between your own Funding, Spot and Futures accounts."),

	/** Withdrawals: needs an IP allow-list, starts the withdrawal cooldown. */
	TRANSFER("Transfer", "WITHDRAW funds to outside addresses. Anyone holding this key and calling from an allowed "
			+ "IP address can take money out of your account.");

	private final String token;

	private final String meaning;

	Permission(String token, String meaning) {
		this.token = token;
		this.meaning = meaning;
	}

	public String token() {
		return this.token;
	}

	public String meaning() {
		return this.meaning;
	}

	/** Whether it lets a key trade (and so is disabled after long disuse without an IP list). */
	public boolean trades() {
		return this == SPOT || this == MARGIN || this == FUTURES;
	}

	public static Optional<Permission> parse(String token) {
		for (Permission p : values()) {
			if (p.token.equalsIgnoreCase(token.strip()) || p.name().equalsIgnoreCase(token.strip())) {
				return Optional.of(p);
			}
		}
		return Optional.empty();
	}

	/** KuCoin's comma-separated form, {@code General} first, the rest in declaration order. */
	public static String tokens(Set<Permission> permissions) {
		EnumSet<Permission> all = EnumSet.of(GENERAL);
		all.addAll(permissions);
		return all.stream().map(Permission::token).collect(Collectors.joining(","));
	}

	public static Set<Permission> fromTokens(String tokens) {
		EnumSet<Permission> out = EnumSet.of(GENERAL);
		for (String t : tokens.split(",")) {
			if (!t.isBlank()) {
				parse(t).ifPresent(out::add);
			}
		}
		return out;
	}

	public String wireName() {
		return this.token.toLowerCase(Locale.ROOT);
	}
}
