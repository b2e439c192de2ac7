package io.gatehouse.account;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Registrations.Registration;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;

import org.springframework.stereotype.Component;

/**
 * The 6-digit sign-up codes: drawn from {@link Randomness}, kept only as a keyed hash bound to the
 * registration, and checked in constant time against a registration that can still take a code.
 */
@Component
class SignUpCodes {

	static final String CODE_PURPOSE = "registration";

	private static final int CODE_DIGITS = 6;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final AccountProperties properties;

	SignUpCodes(KeyedHash keyedHash, Randomness randomness, AccountProperties properties) {
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.properties = properties;
	}

	String next() {
		return this.randomness.digits(CODE_DIGITS);
	}

	byte[] hash(UUID registrationId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, registrationId + ":" + code);
	}

	/** Whether the registration can still take a code: not a decoy, not verified, nothing expired, tries left. */
	boolean open(Registration registration, Instant now) {
		return !registration.isDecoy() && registration.verifiedAt() == null && now.isBefore(registration.expiresAt())
				&& now.isBefore(registration.codeExpiresAt()) && registration.wrongAttempts() < maxWrongAttempts();
	}

	/** The hash of the presented code when it is the registration's, compared in constant time. */
	Optional<byte[]> matching(Registration registration, String code) {
		String presented = code.strip();
		boolean wellFormed = presented.length() == CODE_DIGITS && presented.chars().allMatch(c -> c >= '0' && c <= '9');
		byte[] presentedHash = hash(registration.id(), presented);
		return MessageDigest.isEqual(presentedHash, registration.codeHash()) && wellFormed ? Optional.of(presentedHash)
				: Optional.empty();
	}

	int maxWrongAttempts() {
		return this.properties.codeMaxWrongAttempts();
	}
}
