package io.gatehouse.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed-out support: an address proven by a code gives a short pass to that account's requests, once. */
@IntegrationTest
class SupportPassIntegrationTests extends ApiTest {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	SupportPasses passes;

	@Autowired
	SupportRequests support;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	private static RequestContext from() {
		int n = NETWORKS.incrementAndGet();
		return RequestContext.of(ClientIp.of("100.71." + n % 250 + "." + (1 + n / 250)), "Firefox test");
	}

	private static String holder(SupportPasses.Started started) {
		assertThat(started).isInstanceOf(SupportPasses.Started.CodeSent.class);
		return ((SupportPasses.Started.CodeSent) started).holder();
	}

	private static String code(String email, int nth) {
		Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "Your Gatehouse support code", nth)));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	@Test
	void passWhenCodeRightThenTheAccountsRequestsOnceAndForThirtyMinutes() {
		String email = this.accounts.create();
		String holder = holder(this.passes.start(email, null, from()));
		assertThat(this.passes.account(holder)).isEmpty();
		assertThat(this.passes.waitingFor(holder)).contains(email.charAt(0) + "***@example.com");

		String code = code(email, 1);
		assertThat(this.passes.verify(holder, code.substring(0, 3) + " " + code.substring(3))).as("spaces are fine")
			.isEmpty();
		var account = this.passes.account(holder);
		assertThat(account).isPresent();
		var opened = this.support.open(account.get(), SupportRequest.Via.CODE, "cannot_sign_in", "My password no longer works since today.", "",
				List.of(), from());
		assertThat(opened).isInstanceOf(SupportRequests.Opened.Done.class);
		assertThat(this.support.mine(account.get(), SupportRequest.Via.CODE)).hasSize(1);
		assertThat(this.passes.verify(holder, code)).as("the code works once")
			.contains(SupportRejection.PASS_EXPIRED);

		this.clock.advance(SupportPasses.PASS_VALIDITY.plusSeconds(1));
		assertThat(this.passes.account(holder)).isEmpty();
	}

	@Test
	void passWhenAddressHasNoAccountThenSameAnswerNoMessageAndNeverVerified() {
		String nobody = TestAccounts.newEmail();
		var started = this.passes.start(nobody, null, from());
		assertThat(started).isInstanceOf(SupportPasses.Started.CodeSent.class);
		assertThat(((SupportPasses.Started.CodeSent) started).destination()).isEqualTo(nobody.charAt(0) + "***@example.com");
		assertThat(this.jdbc.sql("select count(*) from outbox where destination = ?").param(nobody).query(Integer.class)
			.single()).isZero();
		assertThat(this.passes.verify(holder(started), "123456")).contains(SupportRejection.CODE_WRONG);
		assertThat(this.passes.start("not an address", null, from()))
			.isEqualTo(new SupportPasses.Started.Refused(SupportRejection.IDENTIFIER_INVALID));
	}

	@Test
	void startWhenOneAddressAsksAFourthTimeInAnHourThenRefusedWhetherOrNotItHasAnAccount() {
		String email = this.accounts.create();
		String nobody = TestAccounts.newEmail();
		for (String address : List.of(email, nobody)) {
			for (int i = 0; i < SupportPasses.MAX_STARTS_PER_ADDRESS; i++) {
				holder(this.passes.start(address, null, from()));
			}
			assertThat(this.passes.start(address, null, from())).as(address)
				.isEqualTo(new SupportPasses.Started.Refused(SupportRejection.ADDRESS_LIMIT));
		}
		this.clock.advance(Duration.ofMinutes(61));
		holder(this.passes.start(email, null, from()));
	}

	@Test
	void startWhenAddressHasAnAccountOrNotThenTheSameWorkIsDoneAndOnlyTheAccountGetsACode() {
		String email = this.accounts.create();
		String nobody = TestAccounts.newEmail();
		holder(this.passes.start(email, null, from()));
		holder(this.passes.start(nobody, null, from()));
		code(email, 1);
		Await.until("both starts handled by the sender", Duration.ofSeconds(10), () -> Optional.of(true)
			.filter(x -> this.jdbc.sql("select count(*) from support_passes where pending is not null")
				.query(Integer.class)
				.single() == 0));
		assertThat(this.jdbc.sql("select count(*) from outbox where destination = ?").param(nobody)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void passWhenFiveWrongCodesOrTenMinutesThenTheRightCodeNoLongerWorks() {
		String email = this.accounts.create();
		String tried = holder(this.passes.start(email, null, from()));
		String right = code(email, 1);
		String wrong = right.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < SupportPasses.MAX_ATTEMPTS; i++) {
			assertThat(this.passes.verify(tried, wrong)).contains(SupportRejection.CODE_WRONG);
		}
		assertThat(this.passes.verify(tried, right)).contains(SupportRejection.PASS_EXPIRED);

		String late = holder(this.passes.start(email, null, from()));
		String lateCode = code(email, 2);
		this.clock.advance(SupportPasses.CODE_VALIDITY.plus(Duration.ofSeconds(1)));
		assertThat(this.passes.verify(late, lateCode)).contains(SupportRejection.PASS_EXPIRED);
		assertThat(this.passes.account(late)).isEmpty();
	}

	@Test
	void passWhenTwentyTriesOfTheRightCodeRaceThenExactlyOneVerifies() throws Exception {
		String email = this.accounts.create();
		String holder = holder(this.passes.start(email, null, from()));
		String code = code(email, 1);
		assertThat(Race.successes(20, () -> this.passes.verify(holder, code).isEmpty())).isEqualTo(1);
		assertThat(this.jdbc.sql("select attempts from support_passes where verified_at is not null and account_id = "
				+ "(select id from accounts where email = ?)").param(email).query(Integer.class).single())
			.isLessThanOrEqualTo(SupportPasses.MAX_ATTEMPTS);
	}
}
