package io.gatehouse.ledger;

import java.util.Locale;
import java.util.Optional;

/**
 * What a ledger account is for. A customer has {@link #MAIN} (funding; KuCoin's {@code main}),
 * {@link #TRADE} (spot; {@code trade}) and {@link #CONTRACT} (futures; {@code contract}) per currency; the
 * exchange has one system account of each other type per currency, where money enters and leaves.
 */
public enum LedgerAccountType {

	MAIN(true), TRADE(true), CONTRACT(true),

	/** Debited by every deposit: minus what customers have brought in. */
	DEPOSITS(false),

	/** Credited by every withdrawal: what has been paid out. */
	WITHDRAWALS(false),

	FEES(false),

	/** One side of every correction staff approve. */
	CORRECTIONS(false);

	private final boolean customer;

	LedgerAccountType(boolean customer) {
		this.customer = customer;
	}

	public boolean customer() {
		return this.customer;
	}

	/** KuCoin's lower-case name: {@code main}, {@code trade}, {@code contract}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** A customer account type from its wire name, in any letter case. */
	public static Optional<LedgerAccountType> customer(String text) {
		for (LedgerAccountType type : values()) {
			if (type.customer && type.name().equalsIgnoreCase(text)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}
