package io.gatehouse.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.gatehouse.account.Accounts.instant;
import static io.gatehouse.account.Accounts.ts;

/** Pending sign-ups. The verification code is stored only as a keyed hash. */
@Repository
class Registrations {

	private final JdbcClient jdbc;

	Registrations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Registration r) {
		this.jdbc.sql("""
				insert into registrations (id, identifier_kind, identifier, password_hash, country, code_hash,
				    code_expires_at, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(r.id(), r.identifier().kind().name(), r.identifier().value(), r.passwordHash(), r.country().code(),
					r.codeHash(), ts(r.codeExpiresAt()), ts(r.createdAt()), ts(r.expiresAt()))
			.update();
	}

	Optional<Registration> find(UUID id) {
		return this.jdbc.sql("""
				select id, identifier_kind, identifier, password_hash, country, code_hash, code_expires_at,
				       wrong_attempts, sends, created_at, expires_at, verified_at
				from registrations where id = ?""")
			.param(id)
			.query((rs, n) -> {
				String kind = rs.getString("identifier_kind");
				String value = rs.getString("identifier");
				Identifier identifier = Identifier.Kind.valueOf(kind) == Identifier.Kind.EMAIL
						? new EmailAddress(value) : new PhoneNumber(value);
				var verified = rs.getTimestamp("verified_at");
				return new Registration(rs.getObject("id", UUID.class), identifier, rs.getString("password_hash"),
						new Country(rs.getString("country")), rs.getBytes("code_hash"),
						instant(rs, "code_expires_at"), rs.getInt("wrong_attempts"), rs.getInt("sends"),
						instant(rs, "created_at"), instant(rs, "expires_at"),
						verified == null ? null : verified.toInstant());
			})
			.optional();
	}

	/** Counts one wrong code, unless the registration is already finished. */
	void countWrongAttempt(UUID id) {
		this.jdbc.sql("update registrations set wrong_attempts = wrong_attempts + 1 where id = ? and verified_at is null")
			.param(id)
			.update();
	}

	/**
	 * Consumes the code atomically: exactly one of any number of concurrent callers holding the right
	 * code gets {@code true}. The code hash in the condition makes a resend between read and write
	 * lose, not win.
	 */
	boolean consume(UUID id, byte[] codeHash, Instant now, int maxWrongAttempts) {
		return this.jdbc.sql("""
				update registrations set verified_at = ?
				where id = ? and verified_at is null and code_hash = ? and code_expires_at > ? and expires_at > ?
				  and wrong_attempts < ?""")
			.params(ts(now), id, codeHash, ts(now), ts(now), maxWrongAttempts)
			.update() == 1;
	}

	void linkAccount(UUID id, UUID accountId) {
		this.jdbc.sql("update registrations set account_id = ? where id = ?").params(accountId, id).update();
	}

	/** Replaces the code; the wrong-attempt counter is kept, so resending never buys more guesses. */
	boolean replaceCode(UUID id, byte[] codeHash, Instant codeExpiresAt, Instant now, int maxSends) {
		return this.jdbc.sql("""
				update registrations set code_hash = ?, code_expires_at = ?, sends = sends + 1
				where id = ? and verified_at is null and code_hash is not null and expires_at > ? and sends < ?""")
			.params(codeHash, ts(codeExpiresAt), id, ts(now), maxSends)
			.update() == 1;
	}

	/** Counts a resend on a decoy, with the same limit a real registration has. */
	boolean countDecoySend(UUID id, Instant now, int maxSends) {
		return this.jdbc.sql("""
				update registrations set sends = sends + 1
				where id = ? and code_hash is null and expires_at > ? and sends < ?""")
			.params(id, ts(now), maxSends)
			.update() == 1;
	}

	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from registrations where expires_at < ? and account_id is null")
			.param(ts(cutoff))
			.update();
	}

	/**
	 * @param codeHash null for a decoy that answers a sign-up with an identifier already in use
	 */
	record Registration(UUID id, Identifier identifier, String passwordHash, Country country,
			byte @Nullable [] codeHash, Instant codeExpiresAt, int wrongAttempts, int sends, Instant createdAt,
			Instant expiresAt, @Nullable Instant verifiedAt) {

		boolean isDecoy() {
			return this.codeHash == null;
		}

		@Override
		public String toString() {
			return "Registration[" + this.id + ", " + this.identifier.masked() + "]";
		}
	}
}
