package io.gatehouse.factor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The passkeys, webauthn_user_handles and webauthn_challenges tables. */
@Repository
class Passkeys {

	private final JdbcClient jdbc;

	Passkeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account's user handle, created on first use (concurrent first uses agree on one). */
	byte[] userHandle(UUID accountId, byte[] candidate) {
		this.jdbc.sql("insert into webauthn_user_handles (account_id, user_handle) values (?, ?) on conflict do nothing")
			.params(accountId, candidate)
			.update();
		return this.jdbc.sql("select user_handle from webauthn_user_handles where account_id = ?")
			.param(accountId)
			.query(byte[].class)
			.single();
	}

	Optional<byte[]> findUserHandle(UUID accountId) {
		return this.jdbc.sql("select user_handle from webauthn_user_handles where account_id = ?")
			.param(accountId)
			.query(byte[].class)
			.optional();
	}

	void insertChallenge(UUID id, PasskeyService.Purpose purpose, byte[] challenge, @Nullable UUID accountId,
			@Nullable UUID sessionId, @Nullable UUID flowId, Instant now, Instant expiresAt) {
		// One live challenge per purpose and flow or session: asking again replaces it, so repeated calls
		// cannot grow the table.
		this.jdbc.sql("""
				delete from webauthn_challenges
				where purpose = ? and used_at is null
				  and session_id is not distinct from ? and flow_id is not distinct from ?""")
			.params(purpose.name(), sessionId, flowId)
			.update();
		this.jdbc.sql("""
				insert into webauthn_challenges (id, purpose, challenge, account_id, session_id, flow_id, created_at,
				    expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, purpose.name(), challenge, accountId, sessionId, flowId, Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
	}

	/**
	 * Uses a challenge once: it must be unused, unexpired, for this purpose, and bound to this flow or
	 * session (whichever the purpose binds). Concurrent uses: exactly one gets it.
	 */
	Optional<UsedChallenge> useChallenge(UUID id, PasskeyService.Purpose purpose, @Nullable UUID sessionId,
			@Nullable UUID flowId, Instant now) {
		return this.jdbc.sql("""
				update webauthn_challenges set used_at = ?
				where id = ? and purpose = ? and used_at is null and expires_at > ?
				  and session_id is not distinct from ? and flow_id is not distinct from ?
				returning challenge, account_id""")
			.params(Timestamp.from(now), id, purpose.name(), Timestamp.from(now), sessionId, flowId)
			.query((rs, n) -> new UsedChallenge(rs.getBytes("challenge"), rs.getObject("account_id", UUID.class)))
			.optional();
	}

	void deleteChallengesExpiredBefore(Instant cutoff) {
		this.jdbc.sql("delete from webauthn_challenges where expires_at < ?").param(Timestamp.from(cutoff)).update();
	}

	void insert(StoredPasskey passkey, Instant now) {
		this.jdbc.sql("""
				insert into passkeys (id, account_id, credential_id, name, attested_credential_data, sign_count,
				    uv_initialized, backup_eligible, backed_up, transports, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(passkey.id(), passkey.accountId(), passkey.credentialId(), passkey.name(),
					passkey.attestedCredentialData(), passkey.signCount(), passkey.uvInitialized(),
					passkey.backupEligible(), passkey.backedUp(), passkey.transports(), Timestamp.from(now))
			.update();
	}

	Optional<StoredPasskey> findByCredentialId(byte[] credentialId) {
		return this.jdbc.sql("select * from passkeys where credential_id = ?")
			.param(credentialId)
			.query(Passkeys::map)
			.optional();
	}

	List<StoredPasskey> findByAccount(UUID accountId) {
		return this.jdbc.sql("select * from passkeys where account_id = ? order by created_at, id")
			.param(accountId)
			.query(Passkeys::map)
			.list();
	}

	/** Locks the account row for the rest of the transaction (so concurrent adds queue), then counts. */
	int lockAndCount(UUID accountId) {
		this.jdbc.sql("select id from accounts where id = ? for update").param(accountId).query(UUID.class).list();
		return count(accountId);
	}

	int count(UUID accountId) {
		return this.jdbc.sql("select count(*) from passkeys where account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Records a use: the counter only moves forward (compare-and-set on the value the verification saw), so
	 * two racing assertions cannot both pass with the same counter.
	 */
	boolean recordUse(UUID id, long seenCount, long newCount, boolean uvInitialized, boolean backedUp, Instant now) {
		return this.jdbc.sql("""
				update passkeys set sign_count = ?, uv_initialized = uv_initialized or ?, backed_up = ?, last_used_at = ?
				where id = ? and sign_count = ?""")
			.params(newCount, uvInitialized, backedUp, Timestamp.from(now), id, seenCount)
			.update() == 1;
	}

	boolean rename(UUID accountId, UUID id, String name) {
		return this.jdbc.sql("update passkeys set name = ? where id = ? and account_id = ?")
			.params(name, id, accountId)
			.update() == 1;
	}

	/** Deletes one passkey and, if it was the account's last strong factor, the backup codes with it. */
	boolean delete(UUID accountId, UUID id) {
		if (this.jdbc.sql("delete from passkeys where id = ? and account_id = ?").params(id, accountId).update() != 1) {
			return false;
		}
		this.jdbc.sql("""
				delete from backup_codes where account_id = ?
				  and not exists (select 1 from passkeys where account_id = ?)
				  and not exists (select 1 from factors where account_id = ? and kind = 'TOTP' and status = 'ACTIVE')""")
			.params(accountId, accountId, accountId)
			.update();
		return true;
	}

	private static StoredPasskey map(ResultSet rs, int row) throws SQLException {
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		return new StoredPasskey(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getBytes("credential_id"), rs.getString("name"), rs.getBytes("attested_credential_data"),
				rs.getLong("sign_count"), rs.getBoolean("uv_initialized"), rs.getBoolean("backup_eligible"),
				rs.getBoolean("backed_up"), rs.getString("transports"), rs.getTimestamp("created_at").toInstant(),
				lastUsed == null ? null : lastUsed.toInstant());
	}

	record UsedChallenge(byte[] challenge, @Nullable UUID accountId) {
	}

	record StoredPasskey(UUID id, UUID accountId, byte[] credentialId, String name, byte[] attestedCredentialData,
			long signCount, boolean uvInitialized, boolean backupEligible, boolean backedUp, String transports,
			Instant createdAt, @Nullable Instant lastUsedAt) {
	}
}
