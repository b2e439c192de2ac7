package io.gatehouse.factor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** SU-07: the trading password is its own credential with its own limit. */
@IntegrationTest
class TradingPasswordIntegrationTests extends ApiTest {

	static final RequestContext CONTEXT = RequestContext.of(ClientIp.of("192.0.2.20"), "test");

	@Autowired
	TradingPasswordService tradingPasswords;

	@Autowired
	MutableClock clock;

	@Test
	void setWhenSteppedUpThenStoredAsArgon2idWithCooldownAndNotice() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(put(token, "4417 9921 cedar", null).text("code")).isEqualTo("step_up_required");

		ApiClient.Response stepUp = stepUp(token);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response set = put(rotated, "4417 9921 cedar", stepUp.text("proof"));

		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/me", rotated).text("withdrawalsLockedUntil")).isNotNull();
		TestMail.awaitSubject(email, "Your trading password was set");
		UUID account = UUID.fromString(this.api.get("/api/v1/me", rotated).text("id"));
		assertThat(this.tradingPasswords.verify(account, "4417 9921 cedar", CONTEXT)).isEmpty();
	}

	@Test
	void setWhenSameAsLoginPasswordThenRefused() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response stepUp = stepUp(token);
		ApiClient.Response same = put(stepUp.json().path("session").path("token").asString(), TestAccounts.PASSWORD,
				stepUp.text("proof"));
		assertThat(same.status()).isEqualTo(422);
		assertThat(same.text("code")).isEqualTo("trading_password_same_as_login");
	}

	@Test
	void verifyWhenFiveWrongThenLockedForTwoHoursEvenWithTheRightOneAndOwnerAlerted() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response stepUp = stepUp(token);
		String rotated = stepUp.json().path("session").path("token").asString();
		put(rotated, "4417 9921 cedar", stepUp.text("proof"));
		UUID account = UUID.fromString(this.api.get("/api/v1/me", rotated).text("id"));

		for (int i = 0; i < 4; i++) {
			assertThat(this.tradingPasswords.verify(account, "wrong one " + i, CONTEXT))
				.contains(TradingPasswordService.Refusal.INCORRECT);
		}
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).as("sign-in does not reset it")
			.isEqualTo(200);
		assertThat(this.tradingPasswords.verify(account, "wrong again", CONTEXT)).contains(TradingPasswordService.Refusal.LOCKED);
		assertThat(this.tradingPasswords.verify(account, "4417 9921 cedar", CONTEXT))
			.contains(TradingPasswordService.Refusal.LOCKED);
		TestMail.awaitSubject(email, "Your trading password was locked");

		this.clock.advance(Duration.ofHours(2));
		assertThat(this.tradingPasswords.verify(account, "4417 9921 cedar", CONTEXT)).isEmpty();
	}

	private ApiClient.Response stepUp(String token) {
		ApiClient.Response r = this.api.post("/api/v1/me/step-up",
				Map.of("action", "set_trading_password", "password", TestAccounts.PASSWORD), token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r;
	}

	private ApiClient.Response put(String token, String password, String proof) {
		var request = HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/trading-password"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					JsonMapper.builder().build().writeValueAsString(Map.of("password", password))));
		return proof == null ? this.api.send(request, token) : this.api.send(request, token, "X-Step-Up-Proof", proof);
	}
}
