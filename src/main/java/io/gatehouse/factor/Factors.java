package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The factors and factor_failures tables. */
@Repository
class Factors {

	private final JdbcClient jdbc;

	Factors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertPendingTotp(UUID id, UUID accountId, SecretBox.Sealed secret, Instant now) {
		this.jdbc.sql("delete from factors where account_id = ? and kind = 'TOTP' and status = 'PENDING'")
			.param(accountId)
			.update();
		this.jdbc.sql("""
				insert into factors (id, account_id, kind, status, secret_key_id, secret_ciphertext, created_at)
				values (?, ?, 'TOTP', 'PENDING', ?, ?, ?)""")
			.params(id, accountId, secret.keyId(), secret.ciphertext(), Timestamp.from(now))
			.update();
	}

	Optional<StoredTotp> findTotp(UUID accountId, String status) {
		return this.jdbc.sql("""
				select id, secret_key_id, secret_ciphertext, last_used_step from factors
				where account_id = ? and kind = 'TOTP' and status = ?
				order by created_at desc limit 1""")
			.params(accountId, status)
			.query((rs, n) -> new StoredTotp(rs.getObject("id", UUID.class),
					new SecretBox.Sealed(rs.getString("secret_key_id"), rs.getBytes("secret_ciphertext")),
					rs.getLong("last_used_step")))
			.optional();
	}

	boolean hasActiveTotp(UUID accountId) {
		return this.jdbc.sql("select count(*) from factors where account_id = ? and kind = 'TOTP' and status = 'ACTIVE'")
			.param(accountId)
			.query(Long.class)
			.single() > 0;
	}

	/** Activates a pending factor, consuming the step its confirmation code was for. */
	boolean activate(UUID id, UUID accountId, long step, Instant now) {
		return this.jdbc.sql("""
				update factors set status = 'ACTIVE', activated_at = ?, last_used_step = ?, last_used_at = ?
				where id = ? and account_id = ? and status = 'PENDING'""")
			.params(Timestamp.from(now), step, Timestamp.from(now), id, accountId)
			.update() == 1;
	}

	/**
	 * Moves the high-water mark to {@code step}: exactly one of any number of concurrent callers with a
	 * code for the same step succeeds, and no later caller can use that step or an earlier one.
	 */
	boolean consumeStep(UUID id, long step, Instant now) {
		return this.jdbc.sql("""
				update factors set last_used_step = ?, last_used_at = ?
				where id = ? and status = 'ACTIVE' and last_used_step < ?""")
			.params(step, Timestamp.from(now), id, step)
			.update() == 1;
	}

	/**
	 * Removes the account's authenticator app and, unless a passkey remains, its backup codes (they are the
	 * fallback for a factor, never a factor alone); returns whether one existed.
	 */
	boolean removeTotp(UUID accountId) {
		this.jdbc.sql("delete from backup_codes where account_id = ? and not exists (select 1 from passkeys where account_id = ?)")
			.params(accountId, accountId)
			.update();
		return this.jdbc.sql("delete from factors where account_id = ? and kind = 'TOTP'").param(accountId).update() > 0;
	}

	record StoredTotp(UUID id, SecretBox.Sealed secret, long lastUsedStep) {
	}

}
