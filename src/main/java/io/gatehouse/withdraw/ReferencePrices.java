package io.gatehouse.withdraw;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a currency is worth in the reference currency, as the exchange's price service reported it through
 * the internal API (table {@code reference_prices}), else the configured development default (never in
 * production: there a currency the price service has not priced fails closed). A reported price older than
 * the configured age is not used: a limit is never checked against a stale price.
 * Values are exact: {@link BigDecimal} with the reference currency's scale, rounded up.
 */
@Service
public class ReferencePrices {

	private final JdbcClient jdbc;

	private final Currencies currencies;

	private final WithdrawalProperties properties;

	private final Clock clock;

	private final boolean production;

	ReferencePrices(JdbcClient jdbc, Currencies currencies, WithdrawalProperties properties, Clock clock,
			GatehouseProperties gatehouse) {
		this.jdbc = jdbc;
		this.currencies = currencies;
		this.properties = properties;
		this.clock = clock;
		this.production = gatehouse.isProduction();
	}

	/**
	 * Records the price service's prices of one whole unit, all or none: false (nothing written) when a
	 * currency is unknown or a price is not above zero or has more than 20 integer or 18 fraction digits.
	 */
	@Transactional
	public boolean report(Map<String, BigDecimal> reported) {
		if (reported.entrySet().stream().anyMatch(e -> e.getValue().signum() <= 0 || e.getValue().scale() > 18
				|| e.getValue().precision() - e.getValue().scale() > 20 || this.currencies.find(e.getKey()).isEmpty())) {
			return false;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		reported.forEach((currency, price) -> this.jdbc.sql("""
				insert into reference_prices (currency, price, updated_at) values (?, ?, ?)
				on conflict (currency) do update set price = excluded.price, updated_at = excluded.updated_at""")
			.params(this.currencies.find(currency).orElseThrow().code(), price, now)
			.update());
		return true;
	}

	/** The price of one whole unit, if a usable one is known. */
	public Optional<BigDecimal> price(String currency) {
		if (currency.equals(this.properties.referenceCurrency())) {
			return Optional.of(BigDecimal.ONE);
		}
		Instant oldest = this.clock.instant().minus(this.properties.priceMaxAge());
		Optional<Reported> reported = this.jdbc.sql("select price, updated_at from reference_prices where currency = ?")
			.param(currency)
			.query((rs, n) -> new Reported(rs.getBigDecimal(1), rs.getTimestamp(2).toInstant()))
			.optional();
		if (reported.isPresent()) {
			return reported.filter(r -> !r.at().isBefore(oldest)).map(Reported::price);
		}
		return this.production ? Optional.empty() : Optional.ofNullable(this.properties.defaultPrices().get(currency));
	}

	private record Reported(BigDecimal price, Instant at) {
	}

	/** The reference currency's scale (its minor units). */
	int referenceScale() {
		return this.currencies.find(this.properties.referenceCurrency()).map(Currency::scale).orElse(2);
	}

	/** An amount in minor units of the currency, valued in minor units of the reference currency (rounded up). */
	Optional<BigInteger> value(Currency currency, long amount) {
		return price(currency.code()).map(p -> new BigDecimal(amount).movePointLeft(currency.scale())
			.multiply(p)
			.movePointRight(referenceScale())
			.setScale(0, RoundingMode.CEILING)
			.toBigIntegerExact());
	}

	/** A decimal amount of the reference currency in its minor units. */
	BigInteger minor(BigDecimal amount) {
		return amount.movePointRight(referenceScale()).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
	}
}
