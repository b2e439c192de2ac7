package io.gatehouse.account;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Accounts.Credentials;
import io.gatehouse.password.PasswordHasher;

import org.springframework.stereotype.Service;

/**
 * Checks an identifier and password. Unknown identifiers cost one dummy Argon2id verification, so
 * the answer takes the same time whether or not the account exists. A hash made with outdated
 * parameters is replaced after a successful check.
 */
@Service
public class PasswordCheck {

	private final Accounts accounts;

	private final PasswordHasher hasher;

	PasswordCheck(Accounts accounts, PasswordHasher hasher) {
		this.accounts = accounts;
		this.hasher = hasher;
	}

	/**
	 * @return the account when the password matches; {@link Outcome#account()} is also set, without
	 *         {@code matched}, when the identifier exists but the password is wrong
	 */
	public Outcome check(Identifier identifier, String password) {
		return verify(find(identifier), password);
	}

	/** Looks the identifier up, without comparing anything yet (the throttle decides first whether to). */
	public Candidate find(Identifier identifier) {
		return new Candidate(this.accounts.findCredentials(identifier).orElse(null));
	}

	/** Compares the password; an unknown identifier costs one dummy verification, as long as a real one. */
	public Outcome verify(Candidate candidate, String password) {
		Credentials found = candidate.credentials;
		if (found == null) {
			this.hasher.verifyDummy(password);
			return new Outcome(null, false);
		}
		PasswordHasher.Verification verification = this.hasher.verify(found.passwordHash(), password);
		if (verification.matches() && verification.needsRehash()) {
			this.accounts.updatePasswordHash(found.account().id(), this.hasher.hash(password));
		}
		return new Outcome(found.account(), verification.matches());
	}

	/** What an identifier names: an account with its password hash, or nothing. */
	public static final class Candidate {

		private final @org.jspecify.annotations.Nullable Credentials credentials;

		private Candidate(@org.jspecify.annotations.Nullable Credentials credentials) {
			this.credentials = credentials;
		}

		public @org.jspecify.annotations.Nullable Account account() {
			return this.credentials == null ? null : this.credentials.account();
		}

		@Override
		public String toString() {
			return "Candidate[" + (this.credentials == null ? "none" : this.credentials.account().id()) + "]";
		}
	}

	/** Whether the account may sign in at all (status ACTIVE). */
	public boolean isActive(UUID accountId) {
		return this.accounts.find(accountId).filter(a -> a.status() == Account.Status.ACTIVE).isPresent();
	}

	/** Whether {@code candidate} is the account's login password (the trading password must differ from it). */
	public boolean isLoginPassword(UUID accountId, String candidate) {
		return this.accounts.findCredentials(accountId)
			.map(c -> this.hasher.verify(c.passwordHash(), candidate).matches())
			.orElse(false);
	}

	/** Checks the password of a known account, for re-authentication; false for an unknown account. */
	public boolean matches(UUID accountId, String password) {
		Optional<Credentials> credentials = this.accounts.findCredentials(accountId);
		if (credentials.isEmpty() || password.length() > 1024) {
			this.hasher.verifyDummy(password.length() > 1024 ? "" : password);
			return false;
		}
		return this.hasher.verify(credentials.get().passwordHash(), password).matches();
	}

	/** The result of a check: the account named by the identifier, if any, and whether the password matched. */
	public record Outcome(@org.jspecify.annotations.Nullable Account account, boolean matched) {
	}
}
