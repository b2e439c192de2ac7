package io.gatehouse.withdraw;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Address-book entries (table {@code withdrawal_addresses}); a removed one stays, marked. */
@Repository
class WithdrawalAddresses {

	private static final String COLUMNS = "id, currency, chain, address, memo, label, usable_at, created_at";

	private final JdbcClient jdbc;

	private final Randomness randomness;

	WithdrawalAddresses(JdbcClient jdbc, Randomness randomness) {
		this.jdbc = jdbc;
		this.randomness = randomness;
	}

	List<AddressBook.Entry> of(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawal_addresses where account_id = ? and removed_at is null "
				+ "order by created_at desc")
			.param(accountId)
			.query(WithdrawalAddresses::entry)
			.list();
	}

	/** Inserts a new entry; empty when the book has that destination already. */
	Optional<AddressBook.Entry> insert(UUID accountId, String currency, String chain, String address, String memo,
			String label, Instant usableAt, Instant now) {
		UUID id = this.randomness.uuid();
		int inserted = this.jdbc.sql("""
				insert into withdrawal_addresses (id, account_id, currency, chain, address, memo, label, usable_at,
				    created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(id, accountId, currency, chain, address, memo, label, Timestamp.from(usableAt), Timestamp.from(now))
			.update();
		return inserted == 0 ? Optional.empty()
				: Optional.of(new AddressBook.Entry(id, currency, chain, address, memo, label, usableAt, now));
	}

	void remove(UUID entryId, Instant now) {
		this.jdbc.sql("update withdrawal_addresses set removed_at = ? where id = ? and removed_at is null")
			.params(Timestamp.from(now), entryId)
			.update();
	}

	Optional<AddressBook.Entry> find(UUID accountId, UUID entryId) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawal_addresses where id = ? and account_id = ? "
				+ "and removed_at is null")
			.params(entryId, accountId)
			.query(WithdrawalAddresses::entry)
			.optional();
	}

	/** The entry for exactly this destination (canonical address and memo), if the book has it. */
	Optional<AddressBook.Entry> find(UUID accountId, String currency, String chain, String address, String memo) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawal_addresses where account_id = ? and currency = ? "
				+ "and chain = ? and address = ? and memo = ? and removed_at is null")
			.params(accountId, currency, chain, address, memo)
			.query(WithdrawalAddresses::entry)
			.optional();
	}

	private static AddressBook.Entry entry(ResultSet rs, int n) throws SQLException {
		return new AddressBook.Entry(rs.getObject("id", UUID.class), rs.getString("currency"), rs.getString("chain"),
				rs.getString("address"), rs.getString("memo"), rs.getString("label"),
				rs.getTimestamp("usable_at").toInstant(), rs.getTimestamp("created_at").toInstant());
	}
}
