package io.gatehouse.abuse;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.Rejection;

import org.springframework.stereotype.Service;

/**
 * The network's budget and the CAPTCHA for what anyone may start without a password: sign-up, unlock and
 * password reset (sign-in has its own gate, {@link SignInGate}). Each request counts against the address
 * and its subnet; past the budget it waits; past half of it, or while the credential-stuffing detector is
 * on, it needs a CAPTCHA solved for that action. The answer never depends on the identifier.
 */
@Service
public class RequestGate {

	private final RateLimits rateLimits;

	private final StuffingDetector stuffing;

	private final CaptchaService captchas;

	RequestGate(RateLimits rateLimits, StuffingDetector stuffing, CaptchaService captchas) {
		this.rateLimits = rateLimits;
		this.stuffing = stuffing;
		this.captchas = captchas;
	}

	/** @param captcha the solution the client sent for this action, if any */
	public Answer admit(CaptchaAction action, LimitedAction budget, ClientIp ip, @Nullable String captcha) {
		Optional<Duration> limited = this.rateLimits.hit(budget, ip);
		if (limited.isPresent()) {
			return new Answer.Wait(limited.get());
		}
		if (!this.stuffing.active() && !this.rateLimits.pastHalf(budget, ip)) {
			return new Answer.Pass();
		}
		if (captcha == null || captcha.isBlank()) {
			return new Answer.Captcha(AbuseRejection.CAPTCHA_REQUIRED);
		}
		return this.captchas.verify(captcha, action, ip).<Answer>map(Answer.Captcha::new).orElseGet(Answer.Pass::new);
	}

	public sealed interface Answer {

		record Pass() implements Answer {
		}

		/** Over the network's budget: try again after this long. */
		record Wait(Duration retryAfter) implements Answer {
		}

		/** A CAPTCHA is needed (none sent), or the one sent was not right. */
		record Captcha(Rejection rejection) implements Answer {
		}
	}
}
