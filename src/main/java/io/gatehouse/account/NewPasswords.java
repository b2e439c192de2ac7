package io.gatehouse.account;

import java.util.List;
import java.util.Optional;

import io.gatehouse.account.Accounts.Credentials;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.PasswordPolicy;
import io.gatehouse.password.PasswordProperties;
import io.gatehouse.password.PasswordRejection;

import org.springframework.stereotype.Component;

/**
 * Whether a password may become the account's new one: the policy first (cheap), then different from the
 * current password and from the {@code historySize} passwords before it (each an Argon2id verification, so
 * callers ask only once the person has proven who they are).
 */
@Component
class NewPasswords {

	private final Accounts accounts;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final PasswordProperties properties;

	NewPasswords(Accounts accounts, PasswordPolicy policy, PasswordHasher hasher, PasswordProperties properties) {
		this.accounts = accounts;
		this.policy = policy;
		this.hasher = hasher;
		this.properties = properties;
	}

	/** PW-07: a password over the maximum length is refused before any hash is computed. */
	boolean tooLongToHash(String password) {
		return this.policy.checkShape(password).filter(r -> r == PasswordRejection.TOO_LONG).isPresent();
	}

	Optional<Rejection> vet(Credentials credentials, String newPassword) {
		List<String> identifiers = credentials.account().identifiers().stream().map(Identifier::value).toList();
		Optional<PasswordRejection> policyRefusal = this.policy.check(newPassword, identifiers);
		if (policyRefusal.isPresent()) {
			return Optional.of(policyRefusal.get());
		}
		if (this.hasher.verify(credentials.passwordHash(), newPassword).matches()) {
			return Optional.of(PasswordRejection.SAME_AS_CURRENT);
		}
		// The history holds the current password too (newest first): the current one and the N before it.
		List<String> history = this.accounts.passwordHistory(credentials.account().id(), this.properties.historySize() + 1);
		for (String previous : history) {
			if (!previous.equals(credentials.passwordHash()) && this.hasher.verify(previous, newPassword).matches()) {
				return Optional.of(PasswordRejection.REUSED);
			}
		}
		return Optional.empty();
	}
}
