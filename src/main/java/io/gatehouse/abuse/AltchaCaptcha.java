package io.gatehouse.abuse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.altcha.altcha.Altcha;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.Randomness;

/**
 * Self-hosted proof-of-work with the ALTCHA protocol (v1: SHA-256 over salt and a secret number, the
 * challenge signed with HMAC-SHA-256), through the {@code org.altcha:altcha} library. The salt carries
 * the action and the expiry as parameters, so both are covered by the signature: a solution for one
 * action, or an old one, fails. Expiry is judged by Gatehouse's clock, not the library's.
 */
class AltchaCaptcha implements CaptchaProvider {

	private final String hmacKey;

	private final CaptchaProperties properties;

	private final Randomness randomness;

	private final Clock clock;

	private final JsonMapper json;

	AltchaCaptcha(KeyedHash keyedHash, CaptchaProperties properties, Randomness randomness, Clock clock,
			JsonMapper json) {
		// A key of its own, derived from the hash key: ALTCHA signatures are useless for anything else.
		this.hmacKey = HexFormat.of().formatHex(keyedHash.hash("altcha-hmac-key", "v1"));
		this.properties = properties;
		this.randomness = randomness;
		this.clock = clock;
		this.json = json;
	}

	/** A new challenge for the action, as the widget (and API clients) expect it. */
	Map<String, Object> challenge(CaptchaAction action) {
		long expires = this.clock.instant().plus(this.properties.validity()).getEpochSecond();
		long maxNumber = this.properties.altcha().maxNumber();
		try {
			Altcha.ChallengeOptions options = new Altcha.ChallengeOptions().setHmacKey(this.hmacKey)
				.setMaxNumber(maxNumber)
				.setSalt(HexFormat.of().formatHex(this.randomness.bytes(12)))
				.setNumber(this.randomness.below(maxNumber + 1))
				.setExpires(expires)
				.addParam("action", action.wireName());
			Altcha.Challenge challenge = Altcha.createChallenge(options);
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("algorithm", challenge.algorithm);
			out.put("challenge", challenge.challenge);
			out.put("maxnumber", challenge.maxnumber);
			out.put("salt", challenge.salt);
			out.put("signature", challenge.signature);
			return out;
		}
		catch (Exception ex) {
			throw new IllegalStateException("ALTCHA challenge could not be created", ex);
		}
	}

	@Override
	public Verdict verify(String solution, CaptchaAction action, ClientIp ip) {
		Altcha.Payload payload;
		try {
			JsonNode node = this.json.readTree(new String(Base64.getDecoder().decode(solution), StandardCharsets.UTF_8));
			payload = new Altcha.Payload();
			payload.algorithm = node.path("algorithm").asString("");
			payload.challenge = node.path("challenge").asString("");
			payload.salt = node.path("salt").asString("");
			payload.signature = node.path("signature").asString("");
			if (!node.path("number").isIntegralNumber()) {
				return Verdict.FAILED;
			}
			payload.number = node.path("number").asLong();
		}
		catch (RuntimeException ex) {
			return Verdict.FAILED;
		}
		Map<String, String> params = saltParams(payload.salt);
		if (!action.wireName().equals(params.get("action")) || !notExpired(params.get("expires"))) {
			return Verdict.FAILED;
		}
		try {
			return Altcha.verifySolution(payload, this.hmacKey, false) ? Verdict.PASSED : Verdict.FAILED;
		}
		catch (Exception ex) {
			return Verdict.FAILED;
		}
	}

	private boolean notExpired(@Nullable String expires) {
		if (expires == null || !expires.matches("\\d{1,12}")) {
			return false;
		}
		return this.clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(expires)));
	}

	/** The parameters after the salt's {@code ?}: {@code expires} and {@code action}. */
	static Map<String, String> saltParams(String salt) {
		Map<String, String> params = new LinkedHashMap<>();
		int q = salt.indexOf('?');
		if (q < 0) {
			return params;
		}
		for (String pair : salt.substring(q + 1).split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				params.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return params;
	}
}
