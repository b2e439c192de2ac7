package io.gatehouse.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The currencies and chains configured in the database (a migration seeds the defaults). Read once and
 * again every minute, so a row an operator adds reaches every node within a minute without a restart.
 */
@Component
public class Currencies {

	private final JdbcClient jdbc;

	private volatile Map<String, Currency> byCode = Map.of();

	Currencies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** By its code, in any letter case. */
	public Optional<Currency> find(String code) {
		if (this.byCode.isEmpty()) {
			reload();
		}
		return Optional.ofNullable(this.byCode.get(code.toUpperCase(Locale.ROOT)));
	}

	public List<Currency> all() {
		if (this.byCode.isEmpty()) {
			reload();
		}
		return List.copyOf(this.byCode.values());
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void reload() {
		Map<String, List<Currency.Chain>> chains = new LinkedHashMap<>();
		this.jdbc.sql("""
				select currency, chain, chain_id, name, confirmations, needs_memo, withdrawal_fee, withdrawal_minimum
				from currency_chains order by currency, chain""")
			.query(rs -> {
				chains.computeIfAbsent(rs.getString("currency"), c -> new ArrayList<>())
					.add(new Currency.Chain(rs.getString("chain"), rs.getString("chain_id"), rs.getString("name"),
							rs.getInt("confirmations"), rs.getBoolean("needs_memo"),
							rs.getLong("withdrawal_fee"), rs.getLong("withdrawal_minimum")));
			});
		Map<String, Currency> loaded = new LinkedHashMap<>();
		this.jdbc.sql("select code, name, scale from currencies order by code")
			.query(rs -> {
				String code = rs.getString("code");
				loaded.put(code, new Currency(code, rs.getString("name"), rs.getInt("scale"),
						chains.getOrDefault(code, List.of())));
			});
		this.byCode = Collections.unmodifiableMap(loaded);
	}
}
