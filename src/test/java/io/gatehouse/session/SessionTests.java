package io.gatehouse.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision D4: idle 30 min, absolute 12 h, remember-me 7 days (SS-04, SS-05). */
class SessionTests {

	static final SessionProperties PROPS = new SessionProperties(Duration.ofMinutes(30), Duration.ofHours(12),
			Duration.ofDays(7), Duration.ofHours(24), Duration.ofSeconds(60), "__Host-gh_session", "__Host-gh_device", Duration.ofDays(400));

	static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

	@Test
	void isLiveWhenIdleJustUnderLimitThenLiveAndAtLimitThenOver() {
		Session s = session(false, T0, T0.plus(Duration.ofHours(12)));
		assertThat(s.isLiveAt(T0.plus(Duration.ofMinutes(30)).minusSeconds(1), PROPS)).isTrue();
		assertThat(s.isLiveAt(T0.plus(Duration.ofMinutes(30)), PROPS)).isFalse();
	}

	@Test
	void isLiveWhenActiveButPastAbsoluteLimitThenOver() {
		Instant lastSeen = T0.plus(Duration.ofHours(12)).minusSeconds(10);
		Session s = session(false, lastSeen, T0.plus(Duration.ofHours(12)));
		assertThat(s.isLiveAt(T0.plus(Duration.ofHours(12)).plusSeconds(1), PROPS)).isFalse();
	}

	@Test
	void isLiveWhenRememberMeThenOutlivesThirtyMinutesIdleButNotADay() {
		Session s = session(true, T0, T0.plus(Duration.ofDays(7)));
		assertThat(s.isLiveAt(T0.plus(Duration.ofHours(23)), PROPS)).isTrue();
		assertThat(s.isLiveAt(T0.plus(Duration.ofHours(24)), PROPS)).isFalse();
	}

	@Test
	void isLiveWhenRememberMeUsedDailyThenAbsoluteSevenDays() {
		Session s = session(true, T0.plus(Duration.ofDays(7)).minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(7)));
		assertThat(s.isLiveAt(T0.plus(Duration.ofDays(7)).minusSeconds(1), PROPS)).isTrue();
		assertThat(s.isLiveAt(T0.plus(Duration.ofDays(7)), PROPS)).isFalse();
	}

	@Test
	void tokenWhenMalformedThenNotEvenLookedUp() {
		assertThat(SessionService.isWellFormed("ghs_" + "A".repeat(43))).isTrue();
		assertThat(SessionService.isWellFormed("ghs_" + "A".repeat(42) + "=")).isFalse();
		assertThat(SessionService.isWellFormed("attacker-chosen-session-id")).isFalse();
	}

	private static Session session(boolean rememberMe, Instant lastSeen, Instant absolute) {
		return new Session(UUID.randomUUID(), UUID.randomUUID(), null, "127.0.0.1", null, null, "", rememberMe, T0, lastSeen,
				absolute, null);
	}
}
