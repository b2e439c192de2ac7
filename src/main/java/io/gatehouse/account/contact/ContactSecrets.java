package io.gatehouse.account.contact;

import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import org.springframework.stereotype.Component;

/**
 * The secrets of a contact change: the 6-digit code sent to the new address (its keyed hash bound to the
 * change) and the revert link's token ({@code ghu_…}, 256 bits) sent to the old addresses.
 */
@Component
class ContactSecrets {

	static final String CODE_PURPOSE = "contact-change-code";

	static final String REVERT_PURPOSE = "contact-revert-link";

	private static final String REVERT_PREFIX = "ghu_";

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final GatehouseProperties gatehouse;

	ContactSecrets(KeyedHash keyedHash, Randomness randomness, GatehouseProperties gatehouse) {
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.gatehouse = gatehouse;
	}

	UUID newChangeId() {
		return this.randomness.uuid();
	}

	String newCode() {
		return this.randomness.digits(6);
	}

	byte[] codeHash(UUID changeId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, changeId + ":" + code);
	}

	/** Whether {@code presented} is the change's code, compared in constant time. */
	boolean codeMatches(UUID changeId, String presented, byte[] codeHash) {
		return this.keyedHash.matches(CODE_PURPOSE, changeId + ":" + presented, codeHash);
	}

	String newRevertToken() {
		return REVERT_PREFIX + this.randomness.token(32);
	}

	boolean isRevertToken(String token) {
		return Randomness.isPrefixedToken(token, REVERT_PREFIX);
	}

	byte[] revertHash(String token) {
		return this.keyedHash.hash(REVERT_PURPOSE, token);
	}

	String revertLink(String token) {
		return this.gatehouse.link("/contact/revert?token=" + token);
	}
}
