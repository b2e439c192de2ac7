package io.gatehouse.abuse;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CAPTCHA settings.
 *
 * @param provider {@code altcha} (self-hosted proof-of-work, the default) or {@code turnstile}
 * @param validity how long a challenge may be solved and submitted
 * @param altcha the proof-of-work difficulty
 * @param turnstile Cloudflare Turnstile's keys, when that is the provider
 */
@ConfigurationProperties("gatehouse.captcha")
record CaptchaProperties(@DefaultValue("altcha") Provider provider, @DefaultValue("5m") Duration validity,
		@DefaultValue Altcha altcha, @DefaultValue Turnstile turnstile) {

	public enum Provider {
		ALTCHA, TURNSTILE
	}

	/** @param maxNumber the largest secret number: the expected work is half of it in SHA-256 hashes */
	public record Altcha(@DefaultValue("100000") long maxNumber) {
	}

	/**
	 * @param verifyUrl Cloudflare's siteverify endpoint
	 * @param timeout how long to wait for it before failing closed
	 */
	public record Turnstile(@Nullable String siteKey, @Nullable String secret,
			@DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") URI verifyUrl,
			@DefaultValue("5s") Duration timeout) {

		@Override
		public String toString() {
			return "Turnstile[siteKey=" + this.siteKey + ", secret=<redacted>, verifyUrl=" + this.verifyUrl + "]";
		}
	}
}
