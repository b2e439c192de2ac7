package io.gatehouse.abuse;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse-defence settings; the defaults are PRODUCT.md 1.5.
 *
 * @param throttle the per-account password-failure policy
 * @param deviceBudget the policy for a known browser of a blocked account (the owner's own budget)
 * @param limits per-IP and per-subnet limits, by action
 * @param stuffing the credential-stuffing detector's thresholds
 */
@ConfigurationProperties("gatehouse.abuse")
record AbuseProperties(@DefaultValue Throttle throttle, @Nullable Throttle deviceBudget,
		@DefaultValue Map<LimitedAction, Limit> limits, @DefaultValue Stuffing stuffing) {

	/** Five tries, then locked for 15 minutes, doubling up to 24 hours: enough for a person, not for a guesser. */
	static final Throttle DEVICE_BUDGET = new Throttle(5, 5, Duration.ofMinutes(15), Duration.ofMinutes(15),
			Duration.ofMinutes(15), Duration.ofHours(24), 100);

	public AbuseProperties {
		deviceBudget = deviceBudget != null ? deviceBudget : DEVICE_BUDGET;
		limits.forEach((action, limit) -> {
			// A limit set in part would bind the rest as zero (everything refused) or no window at all.
			if (limit.window() == null || !limit.window().isPositive() || limit.perIp() <= 0 || limit.perSubnet() <= 0) {
				throw new IllegalArgumentException("gatehouse.abuse.limits." + action.name().toLowerCase(Locale.ROOT)
					.replace('_', '-') + ": set per-ip, per-subnet and window together, each above zero");
			}
		});
	}

	/** Never null once bound: an unset budget takes the default in the constructor. */
	@Override
	public Throttle deviceBudget() {
		return Objects.requireNonNull(this.deviceBudget);
	}

	/**
	 * @param captchaAfter failures after which every attempt needs a CAPTCHA and waits {@code delay},
	 *        doubling per further failure up to {@code maxDelay}
	 * @param lockAfter failures after which the subject is locked for {@code lock}, doubling per
	 *        further failure up to {@code maxLock}
	 * @param hardCap failures after which only an unlock ends the lock (NIST SP 800-63B: at most 100)
	 */
	public record Throttle(@DefaultValue("5") int captchaAfter, @DefaultValue("10") int lockAfter,
			@DefaultValue("30s") Duration delay, @DefaultValue("1h") Duration maxDelay,
			@DefaultValue("15m") Duration lock, @DefaultValue("24h") Duration maxLock,
			@DefaultValue("100") int hardCap) {

		public Throttle {
			if (hardCap > 100 || captchaAfter < 1 || lockAfter < captchaAfter || hardCap < lockAfter) {
				throw new IllegalArgumentException(
						"gatehouse.abuse throttle needs 1 <= captcha-after <= lock-after <= hard-cap <= 100");
			}
		}
	}

	/**
	 * @param perIp requests (or, for sign-in, failures) one address may make per {@code window}
	 * @param perSubnet the same for its /24 (IPv4) or /56 (IPv6)
	 */
	public record Limit(int perIp, int perSubnet, Duration window) {
	}

	/**
	 * @param window how far back the detector counts sign-in outcomes across all accounts
	 * @param minFailures failures in the window below which nothing trips, whatever the ratio
	 * @param failureRatio the share of failed password attempts that trips the alarm
	 * @param holdFor how long the alarm stays on after the last evaluation that tripped it
	 */
	public record Stuffing(@DefaultValue("5m") Duration window, @DefaultValue("100") int minFailures,
			@DefaultValue("0.3") double failureRatio, @DefaultValue("15m") Duration holdFor) {
	}

	/** The limit for an action, with the shipped defaults for any not configured. */
	public Limit limit(LimitedAction action) {
		Limit configured = this.limits.get(action);
		return configured != null ? configured : action.defaultLimit();
	}
}
