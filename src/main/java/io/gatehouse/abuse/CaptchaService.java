package io.gatehouse.abuse;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The configured CAPTCHA provider, with single use on top: a solution that passes is recorded (as a
 * keyed digest) in the same statement that checks it was not used before, so two requests racing with
 * one solution get one success (LG-12).
 */
@Service
public class CaptchaService {

	private static final String PURPOSE = "captcha-solution";

	private final CaptchaProvider provider;

	private final CaptchaProperties properties;

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Clock clock;

	private final @Nullable AltchaCaptcha altcha;

	CaptchaService(CaptchaProperties properties, JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness, Clock clock,
			JsonMapper json) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.clock = clock;
		if (properties.provider() == CaptchaProperties.Provider.TURNSTILE) {
			this.altcha = null;
			this.provider = new TurnstileCaptcha(properties.turnstile(), json);
		}
		else {
			this.altcha = new AltchaCaptcha(keyedHash, properties, randomness, clock, json);
			this.provider = this.altcha;
		}
	}

	/**
	 * Checks a solution for an action, once.
	 *
	 * @return why the request is refused, if it is: no solution, a wrong or spent one, or the provider down
	 */
	public Optional<Rejection> verify(@Nullable String solution, CaptchaAction action, ClientIp ip) {
		if (solution == null || solution.isBlank()) {
			return Optional.of(AbuseRejection.CAPTCHA_REQUIRED);
		}
		if (solution.length() > 4096) {
			return Optional.of(AbuseRejection.CAPTCHA_INVALID);
		}
		return switch (this.provider.verify(solution, action, ip)) {
			case UNAVAILABLE -> Optional.of(AbuseRejection.CAPTCHA_UNAVAILABLE);
			case FAILED -> Optional.of(AbuseRejection.CAPTCHA_INVALID);
			case PASSED -> spend(solution) ? Optional.empty() : Optional.of(AbuseRejection.CAPTCHA_INVALID);
		};
	}

	/** A new proof-of-work challenge for the action; empty when the provider is not ALTCHA. */
	public Optional<Map<String, Object>> challenge(CaptchaAction action) {
		return Optional.ofNullable(this.altcha).map(a -> a.challenge(action));
	}

	/** What a page needs to render the widget. */
	public Widget widget() {
		return this.provider instanceof TurnstileCaptcha turnstile ? new Widget("turnstile", turnstile.siteKey())
				: new Widget("altcha", "");
	}

	/** @param siteKey the provider's public site key, when it has one */
	public record Widget(String provider, String siteKey) {
	}

	private boolean spend(String solution) {
		// Kept a little longer than any challenge can live, whatever the provider.
		Timestamp until = Timestamp.from(this.clock.instant().plus(this.properties.validity().multipliedBy(2)));
		return this.jdbc.sql("insert into captcha_spent (digest, expires_at) values (?, ?) on conflict do nothing")
			.params(this.keyedHash.hash(PURPOSE, solution), until)
			.update() == 1;
	}

	@Scheduled(fixedDelayString = "${gatehouse.abuse.cleanup-interval:PT10M}")
	void deleteExpired() {
		this.jdbc.sql("delete from captcha_spent where expires_at < ?")
			.param(Timestamp.from(this.clock.instant()))
			.update();
	}
}
