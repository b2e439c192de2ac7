package io.gatehouse.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys (table {@code api_keys}) and the post-recovery blocks (table {@code api_key_blocks}). */
@Repository
public class ApiKeys {

	private static final String COLUMNS = "id, account_id, api_key, name, permissions, ip_allow_list, expires_at, state, "
			+ "state_reason, created_at, last_used_at, last_used_ip";

	private final JdbcClient jdbc;

	ApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param createdBy the team member who made the key; null when the account's owner did */
	void insert(ApiKey k, ApiKeySecrets.Minted minted, Instant now, @Nullable UUID createdBy) {
		this.jdbc.sql("""
				insert into api_keys (id, account_id, api_key, name, key_id, secret, passphrase_plain, passphrase_mac,
				    permissions, ip_allow_list, expires_at, state, created_at, updated_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)""")
			.params(k.id(), k.accountId(), minted.apiKey(), k.name(), minted.sealed().keyId(),
					minted.sealed().ciphertext(), minted.passphrasePlain(), minted.passphraseMac(),
					Permission.tokens(k.permissions()), String.join(",", k.ipAllowList()), ts(k.expiresAt()),
					Timestamp.from(now), Timestamp.from(now), createdBy)
			.update();
	}

	/** Who made each of these keys, for the keys a team member made (the owner's are absent). */
	java.util.Map<UUID, UUID> creators(List<UUID> keyIds) {
		if (keyIds.isEmpty()) {
			return java.util.Map.of();
		}
		java.util.Map<UUID, UUID> out = new java.util.HashMap<>();
		this.jdbc.sql("select id, created_by from api_keys where id = any(?) and created_by is not null")
			.param(keyIds.toArray(UUID[]::new))
			.query(rs -> {
				out.put(rs.getObject("id", UUID.class), rs.getObject("created_by", UUID.class));
			});
		return out;
	}

	List<ApiKey> of(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys where account_id = ? and state <> 'DELETED' "
				+ "order by created_at desc")
			.param(accountId)
			.query(ApiKeys::row)
			.list();
	}

	int count(UUID accountId) {
		return this.jdbc.sql("select count(*) from api_keys where account_id = ? and state <> 'DELETED'")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	Optional<ApiKey> find(UUID accountId, UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys where id = ? and account_id = ? and state <> 'DELETED'")
			.params(id, accountId)
			.query(ApiKeys::row)
			.optional();
	}

	/** A key with what verifying a request needs: its sealed secret and passphrase hashes. */
	public record Stored(ApiKey key, SecretBox.Sealed secret, byte[] passphrasePlain, byte[] passphraseMac) {

		@Override
		public String toString() {
			return "Stored[" + this.key.apiKey() + ", <secrets redacted>]";
		}
	}

	public Optional<Stored> byApiKey(String apiKey) {
		return this.jdbc.sql("select " + COLUMNS + ", key_id, secret, passphrase_plain, passphrase_mac from api_keys "
				+ "where api_key = ? and state <> 'DELETED'")
			.param(apiKey)
			.query((rs, n) -> new Stored(row(rs, n), new SecretBox.Sealed(rs.getString("key_id"), rs.getBytes("secret")),
					rs.getBytes("passphrase_plain"), rs.getBytes("passphrase_mac")))
			.optional();
	}

	void update(UUID id, String name, String permissions, String ipAllowList, @Nullable Instant expiresAt,
			Instant now) {
		this.jdbc.sql("""
				update api_keys set name = ?, permissions = ?, ip_allow_list = ?, expires_at = ?, updated_at = ?
				where id = ?""")
			.params(name, permissions, ipAllowList, ts(expiresAt), Timestamp.from(now), id)
			.update();
	}

	/**
	 * Whether the key is active, holding its row (FOR SHARE) to the end of the caller's transaction: a revocation,
	 * which updates the row, waits for that transaction and then sees what it wrote.
	 */
	public boolean holdActive(UUID id) {
		return this.jdbc.sql("select state from api_keys where id = ? for share")
			.param(id)
			.query((rs, n) -> rs.getString(1))
			.optional()
			.filter(ApiKey.State.ACTIVE.name()::equals)
			.isPresent();
	}

	/** Locks every key of the account (FOR UPDATE) to the end of the caller's transaction. */
	public void holdAll(UUID accountId) {
		this.jdbc.sql("select id from api_keys where account_id = ? order by id for update")
			.param(accountId)
			.query((rs, n) -> rs.getString(1))
			.list();
	}

	/** Moves a key from one of the states to another; false when it was in none of them. */
	boolean changeState(UUID id, List<ApiKey.State> from, ApiKey.State to, @Nullable String reason, Instant now) {
		return this.jdbc.sql("""
				update api_keys set state = ?, state_reason = ?, updated_at = ?
				where id = ? and state = any (?)""")
			.params(to.name(), reason, Timestamp.from(now), id, from.stream().map(Enum::name).toArray(String[]::new))
			.update() == 1;
	}

	/** Every active key of the account, now suspended; returns them. */
	List<ApiKey> suspendAll(UUID accountId, String reason, Instant now) {
		return this.jdbc.sql("update api_keys set state = 'SUSPENDED', state_reason = ?, updated_at = ? "
				+ "where account_id = ? and state = 'ACTIVE' returning " + COLUMNS)
			.params(reason, Timestamp.from(now), accountId)
			.query(ApiKeys::row)
			.list();
	}

	/** The active keys the member made for these accounts (a team's), held for update, in id order. */
	List<ApiKey> madeBy(UUID memberId, List<UUID> accountIds) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys where created_by = ? and account_id = any (?) "
				+ "and state = 'ACTIVE' order by id for update")
			.params(memberId, accountIds.toArray(UUID[]::new))
			.query(ApiKeys::row)
			.list();
	}

	/** Active keys with a trading permission and no IP list, unused (or never used) since then. */
	List<ApiKey> idleTradingKeys(Instant unusedSince) {
		return this.jdbc.sql("select " + COLUMNS + " from api_keys where state = 'ACTIVE' and ip_allow_list = '' "
				+ "and (permissions like '%Spot%' or permissions like '%Margin%' or permissions like '%Futures%') "
				+ "and coalesce(last_used_at, created_at) < ?")
			.param(Timestamp.from(unusedSince))
			.query(ApiKeys::row)
			.list();
	}

	/** Records a use: at most one write a minute per key and address, so signed traffic does not become writes. */
	public void used(UUID id, Instant at, String ip) {
		this.jdbc.sql("""
				update api_keys set last_used_at = ?, last_used_ip = ?
				where id = ? and (last_used_at is null or last_used_at < ? or last_used_ip <> ?)""")
			.params(Timestamp.from(at), ip, id, Timestamp.from(at.minusSeconds(60)), ip)
			.update();
	}

	Optional<Instant> blockedUntil(UUID accountId) {
		return this.jdbc.sql("select blocked_until from api_key_blocks where account_id = ?")
			.param(accountId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	void block(UUID accountId, Instant until) {
		this.jdbc.sql("""
				insert into api_key_blocks (account_id, blocked_until) values (?, ?)
				on conflict (account_id) do update set blocked_until = greatest(api_key_blocks.blocked_until, excluded.blocked_until)""")
			.params(accountId, Timestamp.from(until))
			.update();
	}

	private static @Nullable Timestamp ts(@Nullable Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	private static ApiKey row(ResultSet rs, int n) throws SQLException {
		String ips = rs.getString("ip_allow_list");
		Timestamp expires = rs.getTimestamp("expires_at");
		Timestamp used = rs.getTimestamp("last_used_at");
		return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("api_key"), rs.getString("name"), Permission.fromTokens(rs.getString("permissions")),
				ips.isEmpty() ? List.of() : Arrays.asList(ips.split(",")), expires == null ? null : expires.toInstant(),
				ApiKey.State.valueOf(rs.getString("state")), rs.getString("state_reason"),
				rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant(),
				rs.getString("last_used_ip"));
	}
}
