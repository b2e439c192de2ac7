package io.gatehouse.recovery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.AccountEvents.AccountFrozen;
import io.gatehouse.account.AccountStatuses;
import io.gatehouse.recovery.RecoveryEvents.ApiKeysSuspended;
import io.gatehouse.recovery.RecoveryEvents.LinkRefused;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "I think I am compromised" (PRODUCT.md 1.7): a freeze from settings, or from the link at the foot of
 * every security email, which works without signing in. The link is a 256-bit token kept as a keyed
 * hash, single use, 30 days; opening it only shows a confirmation (mail scanners open links), and the
 * freeze happens on the confirming POST. Frozen means: every session ended, API keys suspended,
 * withdrawals and transfers refused, sign-in refused with a pointer to unfreezing.
 */
@Service
public class Freezes {

	static final String PURPOSE = "freeze-link";

	static final Duration LINK_VALIDITY = Duration.ofDays(30);

	private static final String PREFIX = "ghf_";

	private final JdbcClient jdbc;

	private final AccountStatuses statuses;

	private final RateLimits rateLimits;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final GatehouseProperties gatehouse;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	Freezes(JdbcClient jdbc, AccountStatuses statuses, RateLimits rateLimits, KeyedHash keyedHash,
			Randomness randomness, Clock clock, GatehouseProperties gatehouse, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.statuses = statuses;
		this.rateLimits = rateLimits;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.gatehouse = gatehouse;
		this.events = events;
		this.tx = tx;
	}

	/** A fresh freeze link for a message to the account's owner, stored in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public String issueLink(UUID accountId) {
		String token = PREFIX + this.randomness.token(32);
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into freeze_links (token_hash, account_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(hash(token), accountId, Timestamp.from(now), Timestamp.from(now.plus(LINK_VALIDITY)))
			.update();
		return this.gatehouse.link("/freeze?token=" + token);
	}

	/** The account a live link would freeze, without spending it: the confirmation page shows only then. */
	public Optional<UUID> linkIsLive(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql("select account_id from freeze_links where token_hash = ? and used_at is null and expires_at > ?")
			.params(hash(token), Timestamp.from(this.clock.instant()))
			.query(UUID.class)
			.optional();
	}

	/**
	 * Spends a link and freezes its account. Exactly one of concurrent uses spends it; a used, expired or
	 * unknown link gets one answer, and counts against the network's budget.
	 */
	public Result freezeByLink(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Optional<UUID> frozen = wellFormed(token) ? this.tx.execute(s -> {
			Instant now = this.clock.instant();
			Optional<UUID> account = this.jdbc.sql("""
					update freeze_links set used_at = ? where token_hash = ? and used_at is null and expires_at > ?
					returning account_id""")
				.params(Timestamp.from(now), hash(token), Timestamp.from(now))
				.query(UUID.class)
				.optional();
			account.ifPresent(id -> freeze(id, "email_link", context));
			return account;
		}) : Optional.empty();
		if (frozen == null || frozen.isEmpty()) {
			this.tx.executeWithoutResult(s -> {
				this.rateLimits.record(LimitedAction.RESET, context.ip());
				this.events.publishEvent(new LinkRefused("freeze", RecoveryRejection.FREEZE_LINK_INVALID, context));
			});
			return new Result.Refused(RecoveryRejection.FREEZE_LINK_INVALID);
		}
		return new Result.Frozen(frozen.get());
	}

	/** The signed-in owner freezes their own account; the session ends with all the others. */
	public Result freezeSelf(Actor.Customer session, String via, RequestContext context) {
		this.tx.executeWithoutResult(s -> freeze(session.accountId(), via, context));
		return new Result.Frozen(session.accountId());
	}

	/** Support staff freeze an account they believe is compromised; the event names them. */
	public boolean freezeByStaff(UUID accountId, String actor, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> this.statuses.freeze(accountId, "staff", actor, context)));
	}

	/** A freeze of an account that is already frozen changes nothing and says nothing new. */
	private void freeze(UUID accountId, String via, RequestContext context) {
		this.statuses.freeze(accountId, via, null, context);
	}

	/**
	 * Whatever froze the account (the owner, a link, staff): API keys are suspended (D9), and the account's
	 * outstanding freeze links have done their work. In the freezing transaction.
	 */
	@EventListener
	void on(AccountFrozen event) {
		this.events.publishEvent(new ApiKeysSuspended(event.accountId(), "account_frozen", event.context(),
				event.actor()));
		this.jdbc.sql("update freeze_links set used_at = ? where account_id = ? and used_at is null")
			.params(Timestamp.from(this.clock.instant()), event.accountId())
			.update();
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteExpired() {
		this.jdbc.sql("delete from freeze_links where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

	private byte[] hash(String token) {
		return this.keyedHash.hash(PURPOSE, token);
	}

	static boolean wellFormed(String token) {
		return Randomness.isPrefixedToken(token, PREFIX);
	}

	public sealed interface Result {

		record Frozen(UUID accountId) implements Result {
		}

		record Refused(RecoveryRejection rejection) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
