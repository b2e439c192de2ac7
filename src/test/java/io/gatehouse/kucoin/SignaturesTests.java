package io.gatehouse.kucoin;

import org.junit.jupiter.api.Test;

import io.gatehouse.apikey.ApiKeySecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** KuCoin's signature against the reference's vectors (kucoin-api.md §1.5): KuCoin's own and ccxt's. */
class SignaturesTests {

	static final String SECRET = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3";

	@Test
	void kucoinsOwnVector() {
		assertThat(Signatures.sign(SECRET, "1547015186532POST/api/v1/deposit-addresses{\"currency\":\"BTC\"}"))
			.isEqualTo("7QP/oM0ykidMdrfNEUmng8eZjg/ZvPafjIqmxiVfYu4=");
	}

	@Test
	void ccxtsVectorsForAGetAPostThePassphraseAndTheFuturesHost() {
		assertThat(ApiKeySecrets.hmacBase64(SECRET, "my-passphrase"))
			.isEqualTo("sVNmif2caUE5SCRJCgYlwsc6lQaT8d/P6TZ8yPqSYoU=");
		assertThat(Signatures.sign(SECRET, Signatures.prehash("1700000000000", "GET", "/api/v1/accounts", "type=trade", "")))
			.isEqualTo("fQOigsk7mIUNYVJQzI1ye1015nNKl/Z1C+pw6htYjp0=");
		String body = "{\"currency\":\"USDT\",\"amount\":\"10\",\"clientOid\":\"5c52e11203aa677f33e493fb\",\"type\":\"INTERNAL\","
				+ "\"fromAccountType\":\"TRADE\",\"toAccountType\":\"CONTRACT\"}";
		assertThat(Signatures.sign(SECRET, Signatures.prehash("1700000000000", "POST",
				"/api/v3/accounts/universal-transfer", null, body)))
			.isEqualTo("+iRFSp9RSpTK7myZcGnmD/PAdM+ll5ft3A6w/7C5PVs=");
		assertThat(Signatures.sign(SECRET, Signatures.prehash("1700000000000", "GET", "/api/v1/account-overview",
				"currency=USDT", ""))).isEqualTo("K0+pMwDQ8o4lb8lwVRpMl/NIVlQUTQfZdBX7LjMqQmc=");
		assertThat(Signatures.sign(SECRET, Signatures.prehash("1700000000000", "POST", "/api/v2/transfer-out", "",
				"{\"currency\":\"USDT\",\"amount\":\"5\",\"recAccountType\":\"TRADE\"}")))
			.isEqualTo("DJrEPSM8y6Sqc1x6Y5zI+21O01L8XOmrW0QboUvgFGU=");
	}

	@Test
	void aQueryIsAcceptedAsSentOrPercentDecodedAndAnythingElseIsNot() {
		String signedDecoded = Signatures.sign(SECRET,
				Signatures.prehash("1", "GET", "/api/v1/sub/api-key", "passphrase=abc!@#11", ""));
		assertThat(Signatures.matches(SECRET, signedDecoded, "1", "GET", "/api/v1/sub/api-key",
				"passphrase=abc%21%40%2311", "")).isTrue();
		assertThat(Signatures.matches(SECRET, signedDecoded, "1", "GET", "/api/v1/sub/api-key",
				"passphrase=abc%21%40%2312", "")).isFalse();
		assertThat(Signatures.matches(SECRET, signedDecoded, "2", "GET", "/api/v1/sub/api-key",
				"passphrase=abc%21%40%2311", "")).isFalse();
		assertThat(Signatures.percentDecode("a%2")).isNull();
		assertThat(Signatures.percentDecode("a+b%20c")).isEqualTo("a+b c");
	}
}
