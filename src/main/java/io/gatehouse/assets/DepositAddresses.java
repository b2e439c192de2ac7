package io.gatehouse.assets;

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

/** The deposit_addresses table: the wallet service's pool per chain, and the addresses it gave out. */
@Repository
class DepositAddresses {

	private final JdbcClient jdbc;

	DepositAddresses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A deposit address: where to send, and the memo or tag when the chain needs one. */
	record Address(String chain, String address, @Nullable String memo, @Nullable UUID accountId,
			@Nullable String currency) {
	}

	/** Adds addresses to the pool; those it has already are skipped. Returns how many were new. */
	int add(String chain, List<Address> addresses, Instant now) {
		int added = 0;
		for (Address a : addresses) {
			added += this.jdbc.sql("""
					insert into deposit_addresses (chain, address, memo, created_at) values (?, ?, ?, ?)
					on conflict (chain, address, coalesce(memo, '')) do nothing""")
				.params(chain, a.address(), a.memo(), Timestamp.from(now))
				.update();
		}
		return added;
	}

	int free(String chain) {
		return this.jdbc.sql("select count(*) from deposit_addresses where chain = ? and account_id is null")
			.param(chain)
			.query(Integer.class)
			.single();
	}

	Optional<Address> assigned(UUID accountId, String currency, String chain) {
		return this.jdbc.sql("""
				select chain, address, memo, account_id, currency from deposit_addresses
				where account_id = ? and currency = ? and chain = ?""")
			.params(accountId, currency, chain)
			.query(DepositAddresses::address)
			.optional();
	}

	List<Address> assigned(UUID accountId) {
		return this.jdbc.sql("""
				select chain, address, memo, account_id, currency from deposit_addresses
				where account_id = ? order by currency, chain""")
			.param(accountId)
			.query(DepositAddresses::address)
			.list();
	}

	/**
	 * Gives the account a free address of the chain for this currency, or its own if it has one. Concurrent
	 * askers take different free rows (skip locked); a race for the same owner ends on the unique index and
	 * the caller asks again.
	 */
	Optional<Address> assign(UUID accountId, String currency, String chain, Instant now) {
		return this.jdbc.sql("""
				update deposit_addresses set account_id = ?, currency = ?, assigned_at = ?
				where id = (select id from deposit_addresses where chain = ? and account_id is null
				            order by id limit 1 for update skip locked)
				returning chain, address, memo, account_id, currency""")
			.params(accountId, currency, Timestamp.from(now), chain)
			.query(DepositAddresses::address)
			.optional();
	}

	List<Address> recentlyAssigned(int limit) {
		return this.jdbc.sql("""
				select chain, address, memo, account_id, currency from deposit_addresses
				where account_id is not null order by assigned_at desc, id desc limit ?""")
			.param(limit)
			.query(DepositAddresses::address)
			.list();
	}

	/** Whose address this is, memo included where the chain has one. */
	Optional<Address> find(String chain, String address, @Nullable String memo) {
		return this.jdbc.sql("""
				select chain, address, memo, account_id, currency from deposit_addresses
				where chain = ? and address = ? and coalesce(memo, '') = coalesce(?, '')""")
			.params(chain, address, memo)
			.query(DepositAddresses::address)
			.optional();
	}

	private static Address address(ResultSet rs, int row) throws SQLException {
		return new Address(rs.getString("chain"), rs.getString("address"), rs.getString("memo"),
				rs.getObject("account_id", UUID.class), rs.getString("currency"));
	}
}
