package io.gatehouse.kucoin;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The KuCoin-compatible listeners.
 *
 * @param spotPort the spot host's port (KuCoin's api.kucoin.com); 0 turns it off
 * @param futuresPort the futures host's port (api-futures.kucoin.com); 0 turns it off
 * @param address the address both listen on
 * @param window how far a request's timestamp may be from the server's clock, either way
 * @param rateWindow the rate limits' window (KuCoin's is 30 s)
 * @param keyLimit requests one key may make in a window
 * @param ipLimit requests one address may make in a window, signed or not
 * @param spotUpstream where verified trading calls of the spot host go (the exchange's trading API); empty: none
 * @param futuresUpstream the same for the futures host
 * @param markets the exchange's spot markets, as KuCoin symbols ({@code BTC-USDT}), for clients' market lists
 */
@ConfigurationProperties("gatehouse.kucoin")
public record KucoinProperties(@DefaultValue("8083") int spotPort, @DefaultValue("8084") int futuresPort,
		@DefaultValue("0.0.0.0") String address, @DefaultValue("5s") Duration window,
		@DefaultValue("30s") Duration rateWindow, @DefaultValue("2000") int keyLimit, @DefaultValue("4000") int ipLimit,
		@DefaultValue("") String spotUpstream, @DefaultValue("") String futuresUpstream,
		@DefaultValue("") List<String> markets) {

	public KucoinProperties {
		if (window.isNegative() || window.compareTo(Duration.ofSeconds(60)) > 0) {
			throw new IllegalArgumentException("gatehouse.kucoin.window must be between 0 and 60 s");
		}
		markets = markets == null ? List.of() : markets.stream().filter(m -> !m.isBlank()).toList();
	}

	public String upstream(Host host) {
		return host == Host.SPOT ? this.spotUpstream : this.futuresUpstream;
	}
}
