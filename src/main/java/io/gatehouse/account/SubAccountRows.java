package io.gatehouse.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sub-accounts' rows in {@code accounts}: an account of its own for the ledger, futures and keys, with no identifier
 * or password (nobody signs in to it), owned by a master account. The team module decides who may do what with them.
 */
@Repository
public class SubAccountRows {

	/** A sub-account as its master sees it. */
	public record SubAccountRow(UUID id, UUID masterId, String name, Account.Status status, Instant createdAt) {
	}

	private static final String COLUMNS = "id, master_id, sub_name, status, created_at";

	private final JdbcClient jdbc;

	SubAccountRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the sub-account; false when the master has one of that name already (in any letter case). */
	public boolean insert(UUID id, UUID masterId, String name, Instant now) {
		return this.jdbc.sql("""
				insert into accounts (id, master_id, sub_name, status, country, password_changed_at, created_at)
				select ?, m.id, ?, 'ACTIVE', m.country, ?, ? from accounts m where m.id = ? and m.master_id is null
				on conflict do nothing""")
			.params(id, name, Timestamp.from(now), Timestamp.from(now), masterId)
			.update() == 1;
	}

	/** The master's sub-accounts, oldest first. */
	public List<SubAccountRow> of(UUID masterId) {
		return this.jdbc.sql("select " + COLUMNS + " from accounts where master_id = ? order by created_at, id")
			.param(masterId)
			.query((rs, n) -> new SubAccountRow(rs.getObject("id", UUID.class), rs.getObject("master_id", UUID.class),
					rs.getString("sub_name"), Account.Status.valueOf(rs.getString("status")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** The master's sub-account with this id; another master's, or a person's account, is empty. */
	public Optional<SubAccountRow> find(UUID masterId, UUID subId) {
		return this.jdbc.sql("select " + COLUMNS + " from accounts where id = ? and master_id = ?")
			.params(subId, masterId)
			.query((rs, n) -> new SubAccountRow(rs.getObject("id", UUID.class), rs.getObject("master_id", UUID.class),
					rs.getString("sub_name"), Account.Status.valueOf(rs.getString("status")),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	/** The master of a sub-account; empty for a person's account. */
	public Optional<UUID> masterOf(UUID accountId) {
		return this.jdbc.sql("select master_id from accounts where id = ? and master_id is not null")
			.param(accountId)
			.query(UUID.class)
			.optional();
	}

	/** Whether the account is a sub-account (which has no person behind it). */
	public boolean isSubAccount(UUID accountId) {
		return this.jdbc.sql("select master_id is not null from accounts where id = ?")
			.param(accountId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	public int count(UUID masterId) {
		return this.jdbc.sql("select count(*) from accounts where master_id = ?").param(masterId).query(Integer.class).single();
	}

	/** Freezes or unfreezes one of the master's sub-accounts; false when it was not in {@code from}. */
	public boolean changeStatus(UUID masterId, UUID subId, Account.Status from, Account.Status to) {
		return this.jdbc.sql("update accounts set status = ? where id = ? and master_id = ? and status = ?")
			.params(to.name(), subId, masterId, from.name())
			.update() == 1;
	}
}
