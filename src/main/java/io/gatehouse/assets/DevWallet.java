package io.gatehouse.assets;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The development wallet: on a developer's machine it stands in for the exchange's wallet service, keeping
 * every chain's pool of deposit addresses filled with clearly fake ones ({@code DEV-ERC20-…}), and its page
 * ({@code /dev/wallet}) simulates deposits to them. Never in production; off when
 * {@code gatehouse.dev-wallet.enabled=false}, as in the tests, which play the wallet service through the
 * internal API instead. It also stays off when {@code gatehouse.public-url} is not a localhost URL.
 */
@Component
public class DevWallet {

	static final int KEEP_FREE = 10;

	private final AddressPool pool;

	private final Deposits deposits;

	private final Currencies currencies;

	private final Randomness randomness;

	private final DepositAddresses addresses;

	private final boolean enabled;

	DevWallet(AddressPool pool, Deposits deposits, Currencies currencies, Randomness randomness,
			DepositAddresses addresses, GatehouseProperties gatehouse,
			@Value("${gatehouse.dev-wallet.enabled:true}") boolean enabled) {
		this.addresses = addresses;
		this.pool = pool;
		this.deposits = deposits;
		this.currencies = currencies;
		this.randomness = randomness;
		// Only on a developer's own machine: never in production, and never where the public URL names a host
		// others reach (a staging server behind a proxy would see every visitor as a local one).
		String host = gatehouse.publicUrl().getHost();
		this.enabled = enabled && !gatehouse.isProduction()
				&& ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
	void fill() {
		if (!this.enabled) {
			return;
		}
		for (Currency currency : this.currencies.all()) {
			for (Currency.Chain chain : currency.chains()) {
				int missing = KEEP_FREE - this.pool.free(chain.chain());
				List<AddressPool.NewAddress> fresh = new ArrayList<>();
				for (int i = 0; i < missing; i++) {
					fresh.add(new AddressPool.NewAddress(
							"DEV-" + chain.chain() + "-" + HexFormat.of().formatHex(this.randomness.bytes(10)),
							chain.needsMemo() ? this.randomness.digits(9) : null));
				}
				if (!fresh.isEmpty()) {
					this.pool.add(chain.chain(), fresh);
				}
			}
		}
	}

	/** A given-out address, for the page's list. */
	public record Given(String currency, String chain, String address, @Nullable String memo) {
	}

	/** The addresses given out last, newest first, whoever they went to. */
	public List<Given> given(int limit) {
		return this.addresses.recentlyAssigned(limit)
			.stream()
			.map(a -> new Given(Objects.requireNonNull(a.currency()), a.chain(), a.address(), a.memo()))
			.toList();
	}

	/** A pretend confirmed deposit to a given-out address, as the wallet service would report it. */
	public Deposits.Result simulate(String currency, String chain, String address, String memo, String amount) {
		if (!this.enabled) {
			throw new IllegalStateException("the development wallet is off");
		}
		UUID tx = this.randomness.uuid();
		return this.deposits.credit(new Deposits.Deposit(currency, chain, address, memo.isBlank() ? null : memo,
				"devtx-" + tx, 0, amount));
	}
}
