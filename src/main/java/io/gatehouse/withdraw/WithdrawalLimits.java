package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currency;

import org.springframework.stereotype.Component;

/**
 * What a withdrawal is worth and what the policy makes of that: the rolling 24-hour limit of the account's
 * KYC level, and whether it goes to review (and with how many approvals). Values are minor units of the
 * reference currency.
 */
@Component
class WithdrawalLimits {

	private final ReferencePrices prices;

	private final WithdrawalStore store;

	private final WithdrawalProperties properties;

	private final Clock clock;

	WithdrawalLimits(ReferencePrices prices, WithdrawalStore store, WithdrawalProperties properties, Clock clock) {
		this.prices = prices;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** The account's rolling 24-hour limit and what is left of it. */
	record Limit(BigInteger total, BigInteger remaining) {
	}

	/** Why a withdrawal waits for a reviewer (empty: it does not) and how many must approve it. */
	record Review(List<String> reasons, int approvals) {
	}

	Limit limit(UUID accountId, int kycLevel) {
		BigInteger total = this.prices.minor(this.properties.dailyLimit(kycLevel));
		BigInteger used = this.store.usedSince(accountId, this.clock.instant().minus(Duration.ofHours(24)));
		return new Limit(total, total.subtract(used).max(BigInteger.ZERO));
	}

	Optional<BigInteger> value(Currency currency, long amount) {
		return this.prices.value(currency, amount);
	}

	/**
	 * To review when worth more than the threshold, when the destination was first used within the window (or
	 * never), or within the review window after a recovery; two approvals above the second threshold.
	 */
	Review review(UUID accountId, WithdrawalRules.Draft d, String address, String memo, BigInteger value,
			WithdrawalSettings.Settings settings) {
		Instant now = this.clock.instant();
		List<String> reasons = new ArrayList<>();
		if (value.compareTo(this.prices.minor(this.properties.reviewAbove())) > 0) {
			reasons.add("large_amount");
		}
		Optional<Instant> firstUse = this.store.firstUse(accountId, d.currency().code(), d.chain().chain(), address,
				memo);
		if (firstUse.isEmpty() || firstUse.get().isAfter(now.minus(this.properties.newAddressReview()))) {
			reasons.add("new_address");
		}
		if (settings.reviewUntil() != null && now.isBefore(settings.reviewUntil())) {
			reasons.add("after_recovery");
		}
		int approvals = value.compareTo(this.prices.minor(this.properties.secondApprovalAbove())) > 0 ? 2
				: reasons.isEmpty() ? 0 : 1;
		if (approvals == 2 && !reasons.contains("large_amount")) {
			reasons.add(0, "large_amount");
		}
		return new Review(reasons, approvals);
	}

	String format(BigInteger referenceMinor) {
		return Amounts.format(referenceMinor, this.prices.referenceScale());
	}

	String referenceCurrency() {
		return this.properties.referenceCurrency();
	}
}
