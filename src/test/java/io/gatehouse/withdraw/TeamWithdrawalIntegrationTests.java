package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24: an admin withdraws from the team's master account with their own passkey, email code and trading
 * password, under the master's rules; the owner is told, the event names the admin; a trader may not.
 */
@IntegrationTest
class TeamWithdrawalIntegrationTests extends WithdrawalTest {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	@org.springframework.beans.factory.annotation.Autowired
	io.gatehouse.account.CooldownService cooldowns;

	Withdrawer owner;

	Withdrawer admin;

	Withdrawer trader;

	@BeforeEach
	void team() {
		this.owner = withdrawer(1);
		this.admin = withdrawer(1);
		this.trader = withdrawer(1);
		// Each one waited out a day of cooldowns: the ones made first sign in again.
		this.owner.token = this.owner.signIn();
		this.admin.token = this.admin.signIn();
		join(this.admin, "admin");
		join(this.trader, "trader");
		this.funds.deposit(this.owner.id, "USDT", "1000");
	}

	/** A new admin waits a day before withdrawing for the team; then everyone signs in again. */
	private void aDayLater() {
		this.clock.advance(java.time.Duration.ofHours(25));
		this.owner.token = this.owner.signIn();
		this.admin.token = this.admin.signIn();
		this.trader.token = this.trader.signIn();
	}

	@Test
	void withdrawWhenTheAdminIsNewThenRefusedUntilADayHasPassed() {
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		ApiClient.Response quote = this.api.post(base() + "/quote", destination, this.admin.token);
		assertThat(quote.json().path("refusal").path("code").asString()).isEqualTo("withdrawal_cooldown");
		aDayLater();
		assertThat(this.api.post(base() + "/quote", destination, this.admin.token).json().path("allowed").asBoolean())
			.isTrue();
	}

	private void join(Withdrawer member, String role) {
		ApiClient.Response invited;
		if (role.equals("admin")) {
			// Only the owner makes admins, with their passkey and trading password.
			Map<String, String> params = new HashMap<>();
			this.api.post("/api/v1/teams/" + this.owner.id + "/admin-grant/check", Map.of("email", member.email),
					this.owner.token).json().path("stepUpParams")
				.properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
			String proof = this.owner.stepUp("grant_team_admin", params).text("proof");
			invited = this.api.post("/api/v1/teams/" + this.owner.id + "/invitations", Map.of("email", member.email,
					"role", role, "tradingPassword", Withdrawer.TRADING_PASSWORD), this.owner.token, "X-Step-Up-Proof",
					proof);
		}
		else {
			invited = this.api.post("/api/v1/teams/" + this.owner.id + "/invitations",
					Map.of("email", member.email, "role", role), this.owner.token);
		}
		assertThat(invited.status()).as(invited.body()).isEqualTo(201);
		assertThat(this.api.post("/api/v1/teams/invitations/" + invited.text("id") + "/accept", null, member.token)
			.status()).isEqualTo(200);
	}

	private String base() {
		return "/api/v1/teams/" + this.owner.id + "/withdrawals";
	}

	private ApiClient.Response submit(Withdrawer w, String clientOid, Map<String, Object> destination,
			String proof, String code) {
		Map<String, Object> body = new LinkedHashMap<>(destination);
		body.put("clientOid", clientOid);
		body.put("tradingPassword", Withdrawer.TRADING_PASSWORD);
		body.put("emailCode", code);
		return this.api.post(base(), body, w.token, "X-Step-Up-Proof", proof);
	}

	@Test
	void withdrawWhenAnAdminConfirmsWithTheirOwnFactorsThenHeldOnTheMasterAndTheOwnerToldOfTheAdmin() {
		aDayLater();
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		ApiClient.Response quote = this.api.post(base() + "/quote", destination, this.admin.token);
		assertThat(quote.json().path("allowed").asBoolean()).as(quote.body()).isTrue();
		assertThat(quote.json().path("stepUpParams").path("team").asString()).isEqualTo(this.owner.id.toString());
		Map<String, String> params = new HashMap<>();
		quote.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));

		assertThat(this.api.post(base() + "/email-code", destination, this.admin.token).status()).isEqualTo(202);
		Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(this.admin.email,
				"Your code to confirm a withdrawal")));
		assertThat(m.find()).isTrue();
		String code = m.group(1);

		// A proof made for the same withdrawal without the team is the admin's own: refused for the team.
		Map<String, String> own = new HashMap<>(params);
		own.remove("team");
		ApiClient.Response wrongProof = submit(this.admin, "t-1", destination,
				this.admin.stepUp("withdraw", own).text("proof"), code);
		assertThat(wrongProof.text("code")).isEqualTo("step_up_required");

		ApiClient.Response made = submit(this.admin, "t-1", destination,
				this.admin.stepUp("withdraw", params).text("proof"), code);
		assertThat(made.status()).as(made.body()).isEqualTo(201);
		assertThat(this.jdbc.sql("select account_id from withdrawals where id = ?").param(UUID.fromString(made.text("id")))
			.query(UUID.class).single()).isEqualTo(this.owner.id);
		assertThat(held(this.owner.id, "USDT")).isEqualTo(BigInteger.valueOf(101_000_000));
		assertThat(TestMail.body(TestMail.awaitSubject(this.owner.email, "Withdrawal requested: 100.000000 USDT")))
			.contains(TRON);
		assertThat(this.jdbc.sql("select actor from security_events where account_id = ? and type = 'withdrawal_requested'")
			.param(this.owner.id).query(String.class).single()).isEqualTo("member:" + this.admin.id);
		assertThat(this.api.get(base(), this.trader.token).json().path("withdrawals").size()).isEqualTo(1);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void withdrawWhenTheAdminsOwnAccountIsInACooldownThenRefusedWithItsEnd() {
		aDayLater();
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		java.time.Instant until = this.tx.execute(s -> this.cooldowns.start(this.admin.id,
				io.gatehouse.account.CooldownService.SECURITY_CHANGE, "password_changed", null));
		ApiClient.Response quote = this.api.post(base() + "/quote", destination, this.admin.token);
		assertThat(quote.json().path("refusal").path("code").asString()).isEqualTo("withdrawal_cooldown");
		Map<String, Object> body = new LinkedHashMap<>(destination);
		body.put("clientOid", "c-1");
		body.put("tradingPassword", Withdrawer.TRADING_PASSWORD);
		ApiClient.Response refused = this.api.post(base(), body, this.admin.token);
		assertThat(refused.text("code")).isEqualTo("withdrawal_cooldown");
		assertThat(refused.json().path("cooldownUntil").asString()).isEqualTo(until.toString());
		assertThat(held(this.owner.id, "USDT")).isZero();
	}

	@Test
	void withdrawWhenATraderOrAnOutsiderTriesThenRefusedBeforeAnyRuleAndNothingHeld() {
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		ApiClient.Response byTrader = this.api.post(base() + "/quote", destination, this.trader.token);
		assertThat(byTrader.status()).isEqualTo(403);
		assertThat(byTrader.text("code")).isEqualTo("team_role_insufficient");
		Map<String, Object> body = new LinkedHashMap<>(destination);
		body.put("clientOid", "x-1");
		body.put("tradingPassword", Withdrawer.TRADING_PASSWORD);
		assertThat(this.api.post(base(), body, this.trader.token).text("code")).isEqualTo("team_role_insufficient");
		assertThat(this.api.post(base() + "/email-code", destination, this.trader.token).text("code"))
			.isEqualTo("team_role_insufficient");
		assertThat(held(this.owner.id, "USDT")).isZero();
		Withdrawer outsider = withdrawer(1);
		ApiClient.Response quoted = this.api.post(base() + "/quote", destination, outsider.token);
		assertThat(quoted.status()).isEqualTo(404);
		assertThat(quoted.body()).doesNotContain("limit");
	}
}
