package io.gatehouse.kucoin;

/** KuCoin's two hosts, served on two ports. */
public enum Host {

	SPOT("spot"), FUTURES("futures");

	private final String prefix;

	Host(String prefix) {
		this.prefix = prefix;
	}

	/** Where a request to this host is forwarded inside the application: {@code /kucoin/spot/api/...}. */
	public String forwardPrefix() {
		return "/kucoin/" + this.prefix;
	}
}
