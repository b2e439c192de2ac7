package io.gatehouse.recovery.reset;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import org.springframework.stereotype.Component;

/**
 * The secrets of forgot-password: the emailed link's token ({@code ghr_…}, 256 bits) and the texted
 * 6-digit code. Stored only as keyed hashes (a code's bound to its account); the newest secret of an
 * account is the only live one, spent once, and a code dies after too many wrong tries.
 */
@Component
class ResetSecrets {

	static final String LINK_PURPOSE = "password-reset-link";

	static final String CODE_PURPOSE = "password-reset-code";

	private static final String TOKEN_PREFIX = "ghr_";

	private static final int TOKEN_BYTES = 32;

	private static final int CODE_DIGITS = 6;

	private final PasswordResets resets;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final ResetProperties properties;

	private final GatehouseProperties gatehouse;

	private final Clock clock;

	ResetSecrets(PasswordResets resets, KeyedHash keyedHash, Randomness randomness, ResetProperties properties,
			GatehouseProperties gatehouse, Clock clock) {
		this.resets = resets;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.properties = properties;
		this.gatehouse = gatehouse;
		this.clock = clock;
	}

	/** A new link for the account, replacing its older secrets; the whole link, to be emailed. */
	String issueLink(UUID accountId) {
		String token = TOKEN_PREFIX + this.randomness.token(TOKEN_BYTES);
		Instant now = this.clock.instant();
		this.resets.issue(accountId, PasswordResets.Kind.LINK, linkHash(token), now,
				now.plus(this.properties.linkValidity()));
		return this.gatehouse.link("/reset-password?token=" + token);
	}

	/** A new code for the account, replacing its older secrets; to be texted. */
	String issueCode(UUID accountId) {
		String code = this.randomness.digits(CODE_DIGITS);
		Instant now = this.clock.instant();
		this.resets.issue(accountId, PasswordResets.Kind.CODE, codeHash(accountId, code), now,
				now.plus(this.properties.codeValidity()));
		return code;
	}

	/** The live reset a link's token names, without spending it. */
	Optional<Live> liveLink(String token) {
		if (!Randomness.isPrefixedToken(token, TOKEN_PREFIX)) {
			return Optional.empty();
		}
		byte[] secret = linkHash(token);
		return this.resets.findLive(secret, this.clock.instant(), this.properties.maxWrongCodes())
			.filter(r -> r.kind() == PasswordResets.Kind.LINK)
			.map(r -> new Live(r.accountId(), secret, "email_link"));
	}

	/** The account's live reset if {@code code} is its code; a wrong code counts against it. */
	Optional<Live> liveCode(UUID accountId, String code) {
		byte[] secret = codeHash(accountId, code.strip());
		Optional<Live> live = this.resets.findLive(secret, this.clock.instant(), this.properties.maxWrongCodes())
			.map(r -> new Live(accountId, secret, "sms_code"));
		if (live.isEmpty()) {
			this.resets.countWrong(accountId, this.clock.instant());
		}
		return live;
	}

	/** Spends the secret, once; false if it was spent, replaced or died meanwhile. */
	boolean spend(Live live) {
		return this.resets.spend(live.accountId(), live.secretHash(), this.clock.instant(),
				this.properties.maxWrongCodes());
	}

	private byte[] linkHash(String token) {
		return this.keyedHash.hash(LINK_PURPOSE, token);
	}

	private byte[] codeHash(UUID accountId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, accountId + ":" + code);
	}

	/**
	 * A live secret.
	 *
	 * @param channel how it reached the owner, as the log names it: {@code email_link} or {@code sms_code}
	 */
	record Live(UUID accountId, byte[] secretHash, String channel) {

		@Override
		public String toString() {
			return "Live[" + this.accountId + ", " + this.channel + "]";
		}
	}
}
