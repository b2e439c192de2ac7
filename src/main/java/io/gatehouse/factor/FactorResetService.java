package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.FactorEvents.AllFactorsRemoved;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of a lost-factor recovery, as far as factors go: every passkey, authenticator app, SMS factor
 * and backup code of the account is removed, and until a new passkey or app is enrolled, step-up refuses
 * every action but enrolling one, so nothing sensitive happens on the strength of the password alone.
 */
@Service
public class FactorResetService {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	FactorResetService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Removes every factor and backup code, inside the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void removeAll(UUID accountId, String reason, @Nullable String actor) {
		// The failure counter first: a second-factor check locks it before the factor's row, so the same order
		// here means a check and a removal on one account take turns instead of deadlocking.
		this.jdbc.sql("delete from factor_failures where account_id = ?").param(accountId).update();
		int removed = this.jdbc.sql("delete from passkeys where account_id = ?").param(accountId).update();
		removed += this.jdbc.sql("delete from factors where account_id = ?").param(accountId).update();
		removed += this.jdbc.sql("delete from sms_factors where account_id = ?").param(accountId).update();
		int codes = this.jdbc.sql("delete from backup_codes where account_id = ?").param(accountId).update();
		this.jdbc.sql("""
				insert into factor_enrolment_required (account_id, since, reason) values (?, ?, ?)
				on conflict (account_id) do update set since = excluded.since, reason = excluded.reason""")
			.params(accountId, Timestamp.from(this.clock.instant()), reason)
			.update();
		this.events.publishEvent(new AllFactorsRemoved(accountId, removed, codes, reason, actor));
	}

	/** Whether the account must enrol a passkey or an authenticator app before anything sensitive. */
	public boolean enrolmentRequired(UUID accountId) {
		return this.jdbc.sql("select exists (select 1 from factor_enrolment_required where account_id = ?)")
			.param(accountId)
			.query(Boolean.class)
			.single();
	}

	@EventListener
	void on(FactorEnrolled event) {
		if (event.kind().equals("passkey") || event.kind().equals("totp")) {
			this.jdbc.sql("delete from factor_enrolment_required where account_id = ?").param(event.accountId()).update();
		}
	}
}
