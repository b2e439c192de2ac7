package io.gatehouse.ledger;

import java.util.List;
import java.util.Optional;

/**
 * A currency the exchange holds: its code, name, scale (decimals of its minor unit) and the chains it
 * can be deposited on and withdrawn from.
 */
public record Currency(String code, String name, int scale, List<Chain> chains) {

	public Currency {
		chains = List.copyOf(chains);
	}

	public Optional<Chain> chain(String name) {
		return this.chains.stream().filter(c -> c.chain().equalsIgnoreCase(name) || c.chainId().equalsIgnoreCase(name))
			.findFirst();
	}

	/**
	 * A network the currency travels on.
	 *
	 * @param chain KuCoin's chain name, e.g. {@code ERC20}
	 * @param chainId KuCoin's chain id, e.g. {@code eth}
	 * @param name spelled out for people, e.g. "Ethereum network (ERC20)"
	 * @param confirmations blocks the wallet service waits before crediting a deposit
	 * @param needsMemo whether a deposit needs a memo or tag to reach the right account
	 * @param withdrawalFee what a withdrawal on this chain costs, in minor units
	 * @param withdrawalMinimum the smallest amount a withdrawal sends, in minor units
	 */
	public record Chain(String chain, String chainId, String name, int confirmations, boolean needsMemo,
			long withdrawalFee, long withdrawalMinimum) {
	}
}
