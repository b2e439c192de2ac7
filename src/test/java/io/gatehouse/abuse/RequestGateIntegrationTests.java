package io.gatehouse.abuse;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.support.SupportPasses;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.ProofOfWork;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CAPTCHA the README promised for sign-up, unlock and password reset: asked for past half of the
 * network's budget (here reset's, 5 per address) and while the credential-stuffing detector is on; a
 * solution works only for its action.
 */
@ThroughTrustedProxy
class RequestGateIntegrationTests extends ApiTest {

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	SupportPasses support;

	@Test
	void resetWhenHalfTheNetworksBudgetIsUsedThenACaptchaIsNeededAndASolvedOneForResetPasses() {
		String ip = freshIp();
		assertThat(reset(ip, null).status()).isEqualTo(202);
		assertThat(reset(ip, null).status()).isEqualTo(202);

		ApiClient.Response needed = reset(ip, null);
		ApiClient.Response wrongAction = reset(ip, ProofOfWork.solve(this.api, "sign_up"));
		ApiClient.Response solved = reset(ip, ProofOfWork.solve(this.api, "reset"));

		assertThat(needed.status()).isEqualTo(428);
		assertThat(needed.text("code")).isEqualTo("captcha_required");
		assertThat(wrongAction.status()).isEqualTo(400);
		assertThat(solved.status()).as(solved.body()).isEqualTo(202);
		assertThat(reset(ip, ProofOfWork.solve(this.api, "reset")).status()).as("the budget itself still holds")
			.isEqualTo(429);
	}

	@Test
	void unlockSharesTheResetBudgetAndAsksTheSame() {
		String ip = freshIp();
		for (int i = 0; i < 2; i++) {
			assertThat(unlock(ip, null).status()).isEqualTo(202);
		}
		assertThat(unlock(ip, null).text("code")).isEqualTo("captcha_required");
		assertThat(unlock(ip, ProofOfWork.solve(this.api, "unlock")).status()).isEqualTo(202);
	}

	@Test
	void signedOutSupportSharesTheResetBudgetAndAsksForASupportCaptcha() {
		RequestContext network = RequestContext.of(ClientIp.of(freshIp()), "test");
		for (int i = 0; i < 2; i++) {
			assertThat(this.support.start(TestAccounts.newEmail(), null, network))
				.isInstanceOf(SupportPasses.Started.CodeSent.class);
		}
		assertThat(this.support.start(TestAccounts.newEmail(), null, network))
			.isInstanceOf(SupportPasses.Started.CaptchaNeeded.class);
		assertThat(this.support.start(TestAccounts.newEmail(), ProofOfWork.solve(this.api, "reset"), network))
			.as("a solution for another action").isInstanceOf(SupportPasses.Started.CaptchaNeeded.class);
		assertThat(this.support.start(TestAccounts.newEmail(), ProofOfWork.solve(this.api, "support"), network))
			.isInstanceOf(SupportPasses.Started.CodeSent.class);
	}

	@Test
	void signUpWhileTheStuffingDetectorIsOnThenACaptchaIsNeeded() {
		this.jdbc.sql("""
				insert into abuse_alarms (name, tripped_at, active_until, attempts, failures) values (?, ?, ?, 1000, 990)
				on conflict (name) do update set active_until = excluded.active_until""")
			.params(StuffingDetector.ALARM, Timestamp.from(this.clock.instant()),
					Timestamp.from(this.clock.instant().plus(Duration.ofMinutes(15))))
			.update();
		this.clock.advance(Duration.ofSeconds(6));
		try {
			String ip = freshIp();
			ApiClient.Response needed = signUp(ip, null);
			ApiClient.Response solved = signUp(ip, ProofOfWork.solve(this.api, "sign_up"));

			assertThat(needed.status()).isEqualTo(428);
			assertThat(needed.text("code")).isEqualTo("captcha_required");
			assertThat(solved.status()).as(solved.body()).isEqualTo(202);
		}
		finally {
			this.jdbc.sql("delete from abuse_alarms where name = ?").param(StuffingDetector.ALARM).update();
			this.clock.advance(Duration.ofSeconds(6));
		}
	}

	private ApiClient.Response reset(String ip, @Nullable String captcha) {
		return this.api.post("/api/v1/password-resets", body("identifier", TestAccounts.newEmail(), captcha), null,
				"X-Forwarded-For", ip);
	}

	private ApiClient.Response unlock(String ip, @Nullable String captcha) {
		return this.api.post("/api/v1/unlock/requests", body("identifier", TestAccounts.newEmail(), captcha), null,
				"X-Forwarded-For", ip);
	}

	private ApiClient.Response signUp(String ip, @Nullable String captcha) {
		Map<String, Object> body = body("identifier", TestAccounts.newEmail(), captcha);
		body.put("password", TestAccounts.PASSWORD);
		body.put("country", "DE");
		return this.api.post("/api/v1/registrations", body, null, "X-Forwarded-For", ip);
	}

	private static Map<String, Object> body(String key, String value, @Nullable String captcha) {
		Map<String, Object> body = new HashMap<>(Map.of(key, value));
		if (captcha != null) {
			body.put("captcha", captcha);
		}
		return body;
	}

	/** An address in a /24 no other call of this class has used. */
	private static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "172.20." + (n % 250) + ".9";
	}
}
