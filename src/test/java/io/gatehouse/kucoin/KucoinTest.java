package io.gatehouse.kucoin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import io.gatehouse.assets.TestFunds;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the KuCoin tests share: an owner with a trading password and 100 USDT, and keys made as the owner would. */
abstract class KucoinTest extends ApiTest {

	static final String TRADING_PASSWORD = "marble compass 4410";

	@Value("${gatehouse.kucoin.spot-port}")
	protected int spotPort;

	@Value("${gatehouse.kucoin.futures-port}")
	int futuresPort;

	@Value("${gatehouse.internal.port}")
	int internalPort;

	@Autowired
	io.gatehouse.account.Accounts repository;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	LedgerCheck check;

	String token;

	UUID owner;

	/** The owner's passkey, their strong factor (keys that can withdraw need one). */
	io.gatehouse.testsupport.PasskeyStepUp passkey;

	@BeforeEach
	void owner() {
		this.passkey = io.gatehouse.testsupport.PasskeyStepUp.enrol(this.api, this.port,
				this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD));
		this.token = this.passkey.token();
		String proof = stepUp("set_trading_password", Map.of());
		assertThat(this.api.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/me/trading-password"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + TRADING_PASSWORD + "\"}")), this.token,
				"X-Step-Up-Proof", proof).status()).isEqualTo(200);
		this.owner = UUID.fromString(this.api.get("/api/v1/me", this.token).text("id"));
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.owner, "USDT", "100");
	}

	/** Step-up with the passkey; the session rotates. */
	String stepUp(String action, Map<String, String> params) {
		String proof = this.passkey.proof(action, params);
		this.token = this.passkey.token();
		return proof;
	}

	/** A key made through the JSON API, as its owner would; a client for the host's port. */
	KucoinClient key(int port, List<String> permissions, String ips) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("name", "bot");
		settings.put("permissions", permissions);
		settings.put("ipAllowList", ips);
		ApiClient.Response checked = this.api.post("/api/v1/me/api-keys/check", settings, this.token);
		Map<String, String> params = new HashMap<>();
		checked.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String proof = stepUp("create_api_key", params);
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("passphrase", "pass-phrase-9");
		body.put("tradingPassword", TRADING_PASSWORD);
		ApiClient.Response created = this.api.post("/api/v1/me/api-keys", body, this.token, "X-Step-Up-Proof", proof);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new KucoinClient(port, created.text("apiKey"), created.text("secret"), "pass-phrase-9",
				() -> this.clock.millis());
	}
}
