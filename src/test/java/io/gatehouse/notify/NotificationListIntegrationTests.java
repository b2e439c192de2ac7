package io.gatehouse.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25: every message to an account also lands in its notification list, never with what it proves. */
@ThroughTrustedProxy
class NotificationListIntegrationTests extends ApiTest {

	private static final Pattern RESET_TOKEN = Pattern.compile("token=(ghr_[A-Za-z0-9_-]{43})");

	@Autowired
	InAppNotifications inApp;

	@Autowired
	TransactionTemplate tx;

	@Test
	void listWhenMessagesWereSentThenEachIsListedUnreadBySubjectAndNeverWithItsCodeOrLink() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response reset = this.api.post("/api/v1/password-resets", Map.of("identifier", email), null,
				"X-Forwarded-For", "100.66.1.9");
		assertThat(reset.status()).isEqualTo(202);
		Matcher link = RESET_TOKEN.matcher(TestMail.body(TestMail.awaitSubject(email, "Reset your Gatehouse password")));
		assertThat(link.find()).isTrue();

		ApiClient.Response list = this.api.get("/api/v1/me/notifications", token);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("notifications").findValuesAsString("subject"))
			.contains("Reset your Gatehouse password");
		assertThat(list.json().path("notifications").findValuesAsString("template")).contains("password-reset-link");
		assertThat(list.json().path("notifications").get(0).path("channels").get(0).asString()).isEqualTo("email");
		assertThat(list.json().path("unread").asInt()).isEqualTo(list.json().path("notifications").size());
		assertThat(list.body()).doesNotContain(link.group(1)).doesNotContain("reset-password?").doesNotContain("body");
	}

	@Test
	void markReadWhenOwnThenReadAndWhenAnothersThenNotFoundAndUntouched() {
		String mine = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String theirs = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		changePassword(mine);
		changePassword(theirs);
		String myNotice = this.api.get("/api/v1/me/notifications", mine).json().path("notifications").get(0).path("id")
			.asString();
		String theirNotice = this.api.get("/api/v1/me/notifications", theirs).json().path("notifications").get(0)
			.path("id").asString();
		int theirUnread = this.api.get("/api/v1/me/notifications", theirs).json().path("unread").asInt();

		ApiClient.Response other = this.api.post("/api/v1/me/notifications/" + theirNotice + "/read", null, mine);
		ApiClient.Response own = this.api.post("/api/v1/me/notifications/" + myNotice + "/read", null, mine);
		ApiClient.Response malformed = this.api.post("/api/v1/me/notifications/not-an-id/read", null, mine);

		assertThat(other.status()).isEqualTo(404);
		assertThat(other.json().path("code").asString()).isEqualTo("notification_not_found");
		assertThat(this.api.get("/api/v1/me/notifications", theirs).json().path("unread").asInt()).isEqualTo(theirUnread);
		assertThat(own.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/me/notifications", mine).json().path("notifications").get(0).path("readAt")
			.isNull()).isFalse();
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

		ApiClient.Response all = this.api.post("/api/v1/me/notifications/read", null, mine);
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().path("unread").asInt()).isZero();
		assertThat(this.api.get("/api/v1/me/notifications", theirs).json().path("unread").asInt()).isEqualTo(theirUnread);
	}

	@Test
	void recordWhenOneNoticeGoesByEmailAndSmsInOneTransactionThenOneEntryWithBothChannels() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		UUID account = UUID.fromString(this.api.get("/api/v1/me", token).text("id"));
		Instant now = Instant.now();

		this.tx.executeWithoutResult(s -> {
			this.inApp.record(account, Channel.EMAIL, "password-changed", "Your Gatehouse password was changed", now);
			this.inApp.record(account, Channel.SMS, "password-changed", "Your Gatehouse password was changed", now);
			this.inApp.record(account, Channel.SMS, "password-changed", "Your Gatehouse password was changed", now);
		});
		this.tx.executeWithoutResult(s -> this.inApp.record(account, Channel.EMAIL, "password-changed",
				"Your Gatehouse password was changed", now));

		List<InAppNotifications.Notification> listed = this.inApp.page(account, 0, 10)
			.stream()
			.filter(n -> n.template().equals("password-changed"))
			.toList();
		assertThat(listed).hasSize(2);
		assertThat(listed).extracting(InAppNotifications.Notification::channels)
			.containsExactlyInAnyOrder(List.of("email", "sms"), List.of("email"));
	}

	private void changePassword(String token) {
		ApiClient.Response changed = this.api.post("/api/v1/me/password",
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "a different long passphrase " + UUID.randomUUID()),
				token);
		assertThat(changed.status()).as(changed.body()).isIn(200, 204);
	}
}
