package io.gatehouse.withdraw;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per account (table {@code withdrawal_settings}): the whitelist switch, a pending switch-off and the review
 * window after a recovery. {@link #hold} takes the row for the caller's transaction, so one account's
 * withdrawal requests and whitelist changes take turns.
 */
@Repository
class WithdrawalSettings {

	private final JdbcClient jdbc;

	WithdrawalSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Settings(boolean whitelistOn, @Nullable Instant whitelistOffAt, @Nullable Instant reviewUntil) {

		static final Settings NONE = new Settings(false, null, null);

		/** Whether withdrawals go only to the address book now (on, and any switch-off not yet due). */
		boolean whitelistEffective(Instant now) {
			return this.whitelistOn && (this.whitelistOffAt == null || now.isBefore(this.whitelistOffAt));
		}
	}

	Settings find(UUID accountId) {
		return this.jdbc.sql("select whitelist_on, whitelist_off_at, review_until from withdrawal_settings where account_id = ?")
			.param(accountId)
			.query((rs, n) -> new Settings(rs.getBoolean(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
			.optional()
			.orElse(Settings.NONE);
	}

	/** Takes the account's row for the caller's transaction (creating it), and reads it. */
	Settings hold(UUID accountId) {
		this.jdbc.sql("insert into withdrawal_settings (account_id) values (?) on conflict do nothing")
			.param(accountId)
			.update();
		return this.jdbc.sql("""
				select whitelist_on, whitelist_off_at, review_until from withdrawal_settings where account_id = ?
				for update""")
			.param(accountId)
			.query((rs, n) -> new Settings(rs.getBoolean(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
			.single();
	}

	void whitelist(UUID accountId, boolean on, @Nullable Instant offAt) {
		this.jdbc.sql("update withdrawal_settings set whitelist_on = ?, whitelist_off_at = ? where account_id = ?")
			.params(on, offAt == null ? null : Timestamp.from(offAt), accountId)
			.update();
	}

	void reviewUntil(UUID accountId, Instant until) {
		this.jdbc.sql("""
				insert into withdrawal_settings (account_id, review_until) values (?, ?)
				on conflict (account_id) do update set review_until = greatest(withdrawal_settings.review_until, excluded.review_until)""")
			.params(accountId, Timestamp.from(until))
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
