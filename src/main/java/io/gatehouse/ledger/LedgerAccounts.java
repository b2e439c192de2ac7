package io.gatehouse.ledger;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger_accounts table: a customer's accounts are opened when first needed, system ones by migration. */
@Repository
public class LedgerAccounts {

	private final JdbcClient jdbc;

	private final Clock clock;

	LedgerAccounts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The ids of the owner's accounts of these types in this currency, opening those that do not exist
	 * yet. The currency must be a configured one.
	 */
	public Map<LedgerAccountType, Long> open(UUID ownerId, String currency, LedgerAccountType... types) {
		Map<LedgerAccountType, Long> ids = find(ownerId, currency, types);
		if (ids.size() == types.length) {
			return ids;
		}
		// In one order whatever the caller's, so two first transfers in opposite directions cannot deadlock.
		for (LedgerAccountType type : Arrays.stream(types).sorted().toList()) {
			if (!type.customer()) {
				throw new IllegalArgumentException("not a customer account type: " + type);
			}
			if (!ids.containsKey(type)) {
				this.jdbc.sql("""
						insert into ledger_accounts (owner_id, currency, type, created_at) values (?, ?, ?, ?)
						on conflict (owner_id, currency, type) where owner_id is not null do nothing""")
					.params(ownerId, currency, type.name(), Timestamp.from(this.clock.instant()))
					.update();
			}
		}
		return find(ownerId, currency, types);
	}

	private Map<LedgerAccountType, Long> find(UUID ownerId, String currency, LedgerAccountType... types) {
		Map<LedgerAccountType, Long> ids = new EnumMap<>(LedgerAccountType.class);
		this.jdbc.sql("select id, type from ledger_accounts where owner_id = ? and currency = ? and type = any (?)")
			.params(ownerId, currency, Arrays.stream(types).map(Enum::name).toArray(String[]::new))
			.query(rs -> {
				ids.put(LedgerAccountType.valueOf(rs.getString("type")), rs.getLong("id"));
			});
		return ids;
	}

	/**
	 * The exchange's account of this type for this currency, opened on first use: a currency an operator adds
	 * after the migration that seeded the first ones gets its system accounts the first time money moves.
	 */
	public long system(String currency, LedgerAccountType type) {
		if (type.customer()) {
			throw new IllegalArgumentException("not a system account type: " + type);
		}
		Optional<Long> id = this.jdbc.sql("select id from ledger_accounts where owner_id is null and currency = ? and type = ?")
			.params(currency, type.name())
			.query(Long.class)
			.optional();
		if (id.isPresent()) {
			return id.get();
		}
		this.jdbc.sql("""
				insert into ledger_accounts (owner_id, currency, type, created_at) values (null, ?, ?, ?)
				on conflict (currency, type) where owner_id is null do nothing""")
			.params(currency, type.name(), Timestamp.from(this.clock.instant()))
			.update();
		return this.jdbc.sql("select id from ledger_accounts where owner_id is null and currency = ? and type = ?")
			.params(currency, type.name())
			.query(Long.class)
			.single();
	}

	/** Every account the owner has, with its money. */
	public List<Balance> balances(UUID ownerId) {
		return this.jdbc.sql("""
				select currency, type, credits_posted - debits_posted as total, debits_pending as held
				from ledger_accounts where owner_id = ? order by currency, type""")
			.param(ownerId)
			.query((rs, n) -> new Balance(rs.getString("currency"), LedgerAccountType.valueOf(rs.getString("type")),
					rs.getBigDecimal("total").toBigIntegerExact(), rs.getBigDecimal("held").toBigIntegerExact()))
			.list();
	}

	/** One account's money, zero when it was never opened. */
	public Balance balance(UUID ownerId, String currency, LedgerAccountType type) {
		return this.jdbc.sql("""
				select credits_posted - debits_posted as total, debits_pending as held
				from ledger_accounts where owner_id = ? and currency = ? and type = ?""")
			.params(ownerId, currency, type.name())
			.query((rs, n) -> new Balance(currency, type, rs.getBigDecimal("total").toBigIntegerExact(),
					rs.getBigDecimal("held").toBigIntegerExact()))
			.optional()
			.orElse(new Balance(currency, type, BigInteger.ZERO, BigInteger.ZERO));
	}

	/** A ledger account's money by its id, customer or system. */
	public Optional<Balance> balance(long id) {
		return this.jdbc.sql("""
				select currency, type, credits_posted - debits_posted as total, debits_pending as held
				from ledger_accounts where id = ?""")
			.param(id)
			.query((rs, n) -> new Balance(rs.getString("currency"), LedgerAccountType.valueOf(rs.getString("type")),
					rs.getBigDecimal("total").toBigIntegerExact(), rs.getBigDecimal("held").toBigIntegerExact()))
			.optional();
	}
}
