package io.gatehouse.withdraw;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Withdrawal policy. Amounts in the reference currency are decimal strings.
 *
 * @param addressDelay how long a new address-book entry waits before it can be used
 * @param whitelistOffDelay how long turning the whitelist off takes to take effect
 * @param emailCode whether a 6-digit email code is asked as well (on by default)
 * @param referenceCurrency the currency limits and review thresholds are counted in
 * @param dailyLimits the rolling 24-hour limit per KYC level (index 0 to 3); 0 means no withdrawals
 * @param reviewAbove a withdrawal worth more than this waits for a reviewer
 * @param secondApprovalAbove worth more than this, two different reviewers must approve (four-eyes)
 * @param newAddressReview a destination first used within this window sends the withdrawal to review
 * @param reviewAfterRecovery after a lost-factor recovery, withdrawals go to review for this long
 * @param lease how long the wallet service holds a claimed withdrawal before another worker may take it
 * @param priceMaxAge a price reported by the price service older than this is not used (fail closed)
 * @param defaultPrices prices used for a currency the price service has not reported (development)
 * @param walletService the internal service (by its token's name) that may claim and report withdrawals
 * @param priceService the internal service that may report prices
 */
@ConfigurationProperties("gatehouse.withdrawals")
public record WithdrawalProperties(@DefaultValue("24h") Duration addressDelay,
		@DefaultValue("24h") Duration whitelistOffDelay, @DefaultValue("true") boolean emailCode,
		@DefaultValue("USDT") String referenceCurrency, @DefaultValue({ "0", "10000", "100000", "1000000" }) List<BigDecimal> dailyLimits,
		@DefaultValue("10000") BigDecimal reviewAbove, @DefaultValue("50000") BigDecimal secondApprovalAbove,
		@DefaultValue("24h") Duration newAddressReview, @DefaultValue("72h") Duration reviewAfterRecovery,
		@DefaultValue("10m") Duration lease, @DefaultValue("1h") Duration priceMaxAge,
		Map<String, BigDecimal> defaultPrices, @DefaultValue("wallet") String walletService,
		@DefaultValue("prices") String priceService) {

	public WithdrawalProperties {
		defaultPrices = defaultPrices == null ? Map.of() : Map.copyOf(defaultPrices);
		dailyLimits = List.copyOf(dailyLimits);
		if (dailyLimits.size() != 4 || dailyLimits.stream().anyMatch(l -> l.signum() < 0)) {
			throw new IllegalArgumentException("gatehouse.withdrawals.daily-limits needs four amounts, for KYC levels 0 to 3");
		}
	}

	/** The limit for a KYC level. */
	BigDecimal dailyLimit(int kycLevel) {
		return this.dailyLimits.get(Math.max(0, Math.min(3, kycLevel)));
	}
}
