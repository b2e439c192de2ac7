package io.gatehouse.factor;

import io.gatehouse.kernel.Rejection;

/**
 * A wrong authenticator code that would have been right a few minutes earlier or later: still refused and
 * counted, under the same stable code as any wrong code, but the message says the device's clock seems off
 * and by about how much, the usual cause when codes keep failing.
 *
 * @param offsetSteps the 30 s steps between now and the one the code matched: negative when the device is behind
 */
public record TotpClockOff(int offsetSteps) implements Rejection {

	@Override
	public Definition definition() {
		long minutes = Math.max(1, Math.round(Math.abs(this.offsetSteps) * 30 / 60.0));
		return Rejection.of(FactorRejection.CODE_INVALID.code(), FactorRejection.CODE_INVALID.kind(),
				"That code is not the current one: your device's clock seems about " + minutes + " minute"
						+ (minutes == 1 ? "" : "s") + (this.offsetSteps < 0 ? " behind" : " ahead")
						+ ". Set your phone to set its date and time automatically, then enter the new code.");
	}
}
