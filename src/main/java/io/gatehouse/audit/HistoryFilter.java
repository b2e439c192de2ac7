package io.gatehouse.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * What the history page and API narrow to. Internal bookkeeping (the risk decision each sign-in logs) is left out
 * of every filter but {@link #ALL_EVENTS}; the export always has everything.
 */
public enum HistoryFilter {

	/** Everything a person did or that was done to the account. */
	ALL("type <> 'risk_assessed'"),

	SIGN_IN("type like 'sign\\_in\\_%'"),

	/** Settings, factors, keys, recovery, freezes: everything neither a sign-in nor money. */
	SECURITY("type <> 'risk_assessed' and type not like 'sign\\_in\\_%' and not (" + HistoryFilter.MONEY_TYPES + ")"),

	MONEY(HistoryFilter.MONEY_TYPES),

	/**
	 * What a team's members see of the team's account: money, sub-accounts, members and keys, never the owner's own
	 * sign-ins or settings.
	 */
	TEAM(HistoryFilter.MONEY_TYPES + " or type like 'team\\_%' or type like 'sub\\_account\\_%' or type like 'api\\_key\\_%'"),

	FAILURES("outcome = 'failure' and type <> 'risk_assessed'"),

	/** Every stored event, bookkeeping included (the API's {@code type=all_events}). */
	ALL_EVENTS("true");

	private static final String MONEY_TYPES = "(type like 'withdrawal\\_%' and type not like 'withdrawal\\_address\\_%' "
			+ "and type not like 'withdrawal\\_whitelist\\_%') or type like 'deposit\\_%' or type like 'internal\\_transfer\\_%' or type like 'sub\\_transfer\\_%' "
			+ "or type like 'futures\\_%' or type like 'ledger\\_correction\\_%'";

	private final String condition;

	HistoryFilter(String condition) {
		this.condition = condition;
	}

	/** The SQL condition on {@code security_events}: fixed text, never built from input. */
	String condition() {
		return this.condition;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** {@code all}, {@code sign_in}, {@code security}, {@code money}, {@code failures} or {@code all_events}. */
	public static Optional<HistoryFilter> of(String wire) {
		for (HistoryFilter f : values()) {
			if (f.wireName().equals(wire)) {
				return Optional.of(f);
			}
		}
		return Optional.empty();
	}
}
