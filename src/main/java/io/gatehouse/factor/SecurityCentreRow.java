package io.gatehouse.factor;

import java.util.UUID;

/**
 * A protection another module owns (the withdrawal whitelist, say), shown as one row of the security centre beside
 * the factors. The module implements this as a bean; the security centre lists every such row in {@link #order()}.
 */
public interface SecurityCentreRow {

	/** What the row says: the protection's name, its state in a few words, and its one action. */
	record Row(String name, String state, boolean on, String action, String href) {
	}

	Row row(UUID accountId);

	/** Rows are shown after the factors, lowest first. */
	default int order() {
		return 0;
	}
}
