package io.gatehouse.risk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Risk scoring.
 *
 * @param weights points per signal; signals left out weigh their default
 * @param policies the named policies, in order: the first that matches decides the extra steps
 * @param maxTravelSpeedKmh a journey between two sign-ins faster than this is impossible travel
 * @param inactivity a sign-in after this long without one is {@link Signal#LONG_INACTIVITY}
 * @param recentFailures this many wrong passwords just before a right one is {@link Signal#RECENT_FAILURES}
 * @param memory how long countries and networks of past sign-ins count as familiar
 * @param anonymizerRanges CIDR ranges of Tor exits, VPNs or hosting providers, if the operator keeps a list
 */
@ConfigurationProperties("gatehouse.risk")
record RiskProperties(@DefaultValue Map<Signal, Integer> weights, @DefaultValue List<Policy> policies,
		@DefaultValue("1000") int maxTravelSpeedKmh, @DefaultValue("90d") Duration inactivity,
		@DefaultValue("3") int recentFailures, @DefaultValue("180d") Duration memory,
		@DefaultValue List<String> anonymizerRanges) {

	static final Map<Signal, Integer> DEFAULT_WEIGHTS = Map.of(Signal.NEW_DEVICE, 10, Signal.NEW_COUNTRY, 30,
			Signal.NEW_ASN, 10, Signal.IMPOSSIBLE_TRAVEL, 70, Signal.RECENT_FAILURES, 20, Signal.LONG_INACTIVITY, 15,
			Signal.ANONYMIZER_NETWORK, 30);

	/** The weight of each signal, configured or default. */
	Map<Signal, Integer> effectiveWeights() {
		Map<Signal, Integer> all = new EnumMap<>(DEFAULT_WEIGHTS);
		all.putAll(this.weights);
		return all;
	}

	/**
	 * One rule. It matches when the score reaches {@code minScore} (if set) and at least one of
	 * {@code anySignal} is present (if any are listed). A policy whose step is {@link RiskStep#CAPTCHA} is of
	 * another kind: decided before the password, from the request alone (see the constructor).
	 *
	 * @param whileUnderAttack a captcha policy that applies only while the credential-stuffing detector is on
	 */
	public record Policy(String name, @Nullable Integer minScore, @DefaultValue Set<Signal> anySignal,
			@DefaultValue Set<RiskStep> steps, boolean whileUnderAttack) {

		/** The signals the request alone shows, before any account is looked at or any password checked. */
		static final Set<Signal> BEFORE_PASSWORD = EnumSet.of(Signal.NEW_DEVICE, Signal.ANONYMIZER_NETWORK);

		/**
		 * A CAPTCHA policy is decided before the password is checked, so that asking for a CAPTCHA never tells
		 * whether the password was right; and from the request alone, so that it never tells whether the account
		 * exists (an account's familiar countries, say, would answer differently for an address with no account).
		 */
		public Policy {
			if (steps.contains(RiskStep.CAPTCHA) && (steps.size() > 1 || minScore != null || anySignal.isEmpty()
					|| !BEFORE_PASSWORD.containsAll(anySignal))) {
				throw new IllegalArgumentException("gatehouse.risk.policies." + name + ": a captcha policy has the "
						+ "captcha step alone, no min-score, and any-signal among new-device and anonymizer-network: it "
						+ "is decided before the password is checked, from what the request shows");
			}
			if (whileUnderAttack && !steps.contains(RiskStep.CAPTCHA)) {
				throw new IllegalArgumentException("gatehouse.risk.policies." + name
						+ ": while-under-attack applies to captcha policies only");
			}
		}

		boolean asksForCaptcha() {
			return this.steps.contains(RiskStep.CAPTCHA);
		}

		/** For a captcha policy: whether this request must solve one. */
		boolean wantsCaptcha(boolean knownDevice, boolean anonymizer, boolean underAttack) {
			if (!asksForCaptcha() || this.whileUnderAttack && !underAttack) {
				return false;
			}
			return !knownDevice && this.anySignal.contains(Signal.NEW_DEVICE)
					|| anonymizer && this.anySignal.contains(Signal.ANONYMIZER_NETWORK);
		}

		boolean matches(int score, Set<Signal> signals) {
			boolean scoreOk = this.minScore == null || score >= this.minScore;
			boolean signalOk = this.anySignal.isEmpty() || this.anySignal.stream().anyMatch(signals::contains);
			return scoreOk && signalOk && (this.minScore != null || !this.anySignal.isEmpty());
		}
	}
}
