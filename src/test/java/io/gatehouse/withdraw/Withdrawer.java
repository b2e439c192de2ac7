package io.gatehouse.withdraw;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.account.Accounts;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Passkey;
import io.gatehouse.testsupport.PasskeyStepUp;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer ready to withdraw, made through the public API as a person would: signed up, a passkey (the
 * strong factor withdrawals ask for), a trading password, the cooldowns those changes started waited out;
 * then signed in again with the passkey. Only the KYC level is set directly (KycIntegrationTests covers the
 * review that sets it). Each confirmation is done the way a client does it: quote, email code, step-up.
 */
final class Withdrawer {

	static final String TRADING_PASSWORD = "copper lantern 7731";

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final ApiClient api;

	final String email;

	final UUID id;

	final Passkey passkey;

	String token;

	private int codes;

	private Withdrawer(ApiClient api, String email, UUID id, Passkey passkey, String token) {
		this.api = api;
		this.email = email;
		this.id = id;
		this.passkey = passkey;
		this.token = token;
	}

	static Withdrawer ready(ApiClient api, TestAccounts accounts, int port, MutableClock clock, Accounts repository,
			int kycLevel) {
		String email = accounts.create();
		String token = accounts.signIn(email, TestAccounts.PASSWORD);
		PasskeyStepUp enrolled = PasskeyStepUp.enrol(api, port, token);
		Passkey passkey = enrolled.passkey();
		token = enrolled.token();
		UUID id = UUID.fromString(api.get("/api/v1/me", token).text("id"));
		Withdrawer w = new Withdrawer(api, email, id, passkey, token);
		ApiClient.Response proof = w.stepUp("set_trading_password", Map.of());
		ApiClient.Response set = w.put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD),
				proof.text("proof"));
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		repository.setKycLevel(id, kycLevel);
		clock.advance(Duration.ofHours(25));
		w.token = w.signIn();
		return w;
	}

	/** A new session, signed in with the passkey alone. */
	String signIn() {
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		JsonNode options = this.api.post("/api/v1/signin/flows/" + flow + "/passkey/options", null, null).json();
		ApiClient.Response done = this.api.post("/api/v1/signin/flows/" + flow + "/passkey", Map.of("challengeId",
				options.path("challengeId").asString(), "credential", this.passkey.get(options.path("publicKey"))), null);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		return done.json().path("session").path("token").asString();
	}

	/** Step-up with the passkey on the current session; the session rotates. */
	ApiClient.Response stepUp(String action, Map<String, String> params) {
		return stepUp(action, params, this.token, t -> this.token = t);
	}

	/** Step-up on the given session; the rotated token goes to {@code rotated}. */
	ApiClient.Response stepUp(String action, Map<String, String> params, String session,
			java.util.function.Consumer<String> rotated) {
		JsonNode options = this.api.post("/api/v1/me/step-up/passkey-options", null, session).json();
		ApiClient.Response r = this.api.post("/api/v1/me/step-up", Map.of("action", action, "params", params, "passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential",
						this.passkey.get(options.path("publicKey")))), session);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		rotated.accept(r.json().path("session").path("token").asString());
		return r;
	}

	static Map<String, Object> destination(String currency, String chain, String address, @Nullable String memo,
			String amount) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("currency", currency);
		body.put("chain", chain);
		body.put("address", address);
		if (memo != null) {
			body.put("memo", memo);
		}
		body.put("amount", amount);
		return body;
	}

	ApiClient.Response quote(Map<String, Object> destination) {
		return this.api.post("/api/v1/me/withdrawals/quote", destination, this.token);
	}

	/** Asks for the email code for this destination and reads it from the mailbox. */
	String emailCode(Map<String, Object> destination) {
		ApiClient.Response sent = this.api.post("/api/v1/me/withdrawals/email-code", destination, this.token);
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		this.codes++;
		Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(this.email, "Your code to confirm a withdrawal",
				this.codes)));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	/** The step-up parameters the quote names: what the proof must be made for. */
	Map<String, String> stepUpParams(Map<String, Object> destination) {
		ApiClient.Response q = quote(destination);
		assertThat(q.json().path("allowed").asBoolean()).as(q.body()).isTrue();
		Map<String, String> params = new HashMap<>();
		q.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		return params;
	}

	ApiClient.Response submit(String clientOid, Map<String, Object> destination, @Nullable String proof,
			String tradingPassword, @Nullable String emailCode) {
		return submit(clientOid, destination, proof, tradingPassword, emailCode, this.token);
	}

	ApiClient.Response submit(String clientOid, Map<String, Object> destination, @Nullable String proof,
			String tradingPassword, @Nullable String emailCode, String session) {
		Map<String, Object> body = new LinkedHashMap<>(destination);
		body.put("clientOid", clientOid);
		body.put("tradingPassword", tradingPassword);
		if (emailCode != null) {
			body.put("emailCode", emailCode);
		}
		return proof == null ? this.api.post("/api/v1/me/withdrawals", body, session)
				: this.api.post("/api/v1/me/withdrawals", body, session, "X-Step-Up-Proof", proof);
	}

	/** The whole confirmation, as a client does it: quote, email code, step-up, submit. */
	ApiClient.Response withdraw(String clientOid, Map<String, Object> destination) {
		Map<String, String> params = stepUpParams(destination);
		String code = emailCode(destination);
		ApiClient.Response proof = stepUp("withdraw", params);
		return submit(clientOid, destination, proof.text("proof"), TRADING_PASSWORD, code);
	}

	/** Adds an address to the book through the API (step-up and trading password). */
	ApiClient.Response addAddress(String currency, String chain, String address, @Nullable String memo, String label) {
		Map<String, String> asked = new LinkedHashMap<>();
		asked.put("currency", currency);
		asked.put("chain", chain);
		asked.put("address", address);
		asked.put("memo", memo == null ? "" : memo);
		asked.put("label", label);
		ApiClient.Response checked = this.api.post("/api/v1/me/withdrawal-addresses/check", asked, this.token);
		if (checked.status() != 200) {
			return checked;
		}
		Map<String, String> params = new HashMap<>();
		checked.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		ApiClient.Response proof = stepUp("add_withdrawal_address", params);
		Map<String, Object> body = new LinkedHashMap<>(params);
		body.put("tradingPassword", TRADING_PASSWORD);
		return this.api.post("/api/v1/me/withdrawal-addresses", body, this.token, "X-Step-Up-Proof",
				proof.text("proof"));
	}

	ApiClient.Response whitelist(boolean on) {
		ApiClient.Response proof = stepUp("change_whitelist", Map.of("whitelist", on ? "on" : "off"));
		return put("/api/v1/me/withdrawal-whitelist", Map.of("on", on, "tradingPassword", TRADING_PASSWORD),
				proof.text("proof"));
	}

	ApiClient.Response put(String path, Object body, String proof) {
		var request = HttpRequest.newBuilder(URI.create(this.api.base() + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		return this.api.send(request, this.token, "X-Step-Up-Proof", proof);
	}
}
