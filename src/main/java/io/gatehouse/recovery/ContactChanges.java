package io.gatehouse.recovery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountStatuses;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Contacts;
import io.gatehouse.account.EmailAddress;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PhoneNumber;
import io.gatehouse.recovery.RecoveryEvents.ApiKeysSuspended;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeCancelled;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeCodeIssued;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeConfirmed;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeFailed;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeReverted;
import io.gatehouse.recovery.RecoveryEvents.ContactChangeStarted;
import io.gatehouse.recovery.RecoveryEvents.ContactClaimAttempted;
import io.gatehouse.recovery.RecoveryEvents.LinkRefused;
import io.gatehouse.session.SessionService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changing the account's email address or phone number (PRODUCT.md 1.7; SU-05, OB-08). After step-up (the
 * caller spends a proof bound to the new address), a six-digit code goes to the new address; the change
 * applies only when that code comes back from the same session. The addresses the account had before are
 * then told, with a single-use revert link that works for the revert window (at least the 24 h cooldown):
 * reverting restores the old address, ends every session and suspends API keys. The same kind cannot change
 * again within the cooldown, so a thief who is reverted cannot simply change it back. A new address that
 * belongs to another account looks the same to the asker (no code can arrive, so it never confirms) and
 * its owner is told.
 */
@Service
public class ContactChanges {

	static final String CODE_PURPOSE = "contact-change-code";

	static final String REVERT_PURPOSE = "contact-revert-link";

	private static final String REVERT_PREFIX = "ghu_";

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Contacts contacts;

	private final AccountStatuses statuses;

	private final SessionService sessions;

	private final RateLimits rateLimits;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final GatehouseProperties gatehouse;

	private final ContactChangeProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	ContactChanges(JdbcClient jdbc, Accounts accounts, Contacts contacts, AccountStatuses statuses, SessionService sessions, RateLimits rateLimits,
			KeyedHash keyedHash, Randomness randomness, Clock clock, GatehouseProperties gatehouse,
			ContactChangeProperties properties, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.contacts = contacts;
		this.statuses = statuses;
		this.sessions = sessions;
		this.rateLimits = rateLimits;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.gatehouse = gatehouse;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
	}

	/** What a person typed as the new address, if it is one of this kind. */
	public static Optional<Identifier> parse(Identifier.Kind kind, String raw) {
		if (raw.length() > Identifier.MAX_RAW_LENGTH) {
			return Optional.empty();
		}
		return Identifier.parse(raw).filter(i -> i.kind() == kind);
	}

	/** The step-up parameters a change to {@code to} is bound to (SU-02): its kind and the new address. */
	public static java.util.Map<String, String> stepUpParams(Identifier to) {
		return java.util.Map.of(to.kind().wireName(), to.value());
	}

	/**
	 * Starts a change (step-up already spent by the caller, bound to {@code to}); replaces a change of the
	 * same kind that was waiting.
	 */
	public Result start(Actor.Customer session, Identifier to, RequestContext context) {
		Optional<Result> refused = refusal(session.accountId(), to);
		if (refused.isPresent()) {
			return refused.get();
		}
		Identifier current = current(this.accounts.find(session.accountId()).orElseThrow(), to.kind());
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Instant now = this.clock.instant();
		UUID id = this.randomness.uuid();
		String code = this.randomness.digits(6);
		Result result = this.tx.execute(s -> {
			// One change at a time per account: the limits below are counted under this lock.
			lockAccount(session.accountId());
			Optional<Result> refusedNow = refusal(session.accountId(), to);
			if (refusedNow.isPresent()) {
				return refusedNow.get();
			}
			int today = this.jdbc.sql("select count(*) from contact_changes where account_id = ? and created_at > ?")
				.params(session.accountId(), Timestamp.from(now.minus(Duration.ofDays(1))))
				.query(Integer.class)
				.single();
			if (today >= this.properties.maxChangesPerDay() || !maySendTo(to, now)) {
				return new Result.Refused(RecoveryRejection.CONTACT_SEND_LIMIT);
			}
			endPending(session.accountId(), to.kind(), "replaced", context, false);
			Optional<UUID> holder = this.accounts.findByIdentifier(to).map(Account::id);
			Instant expires = now.plus(this.properties.codeValidity());
			this.jdbc.sql("""
					insert into contact_changes (id, account_id, kind, session_id, old_value, new_value, code_hash,
					    code_expires_at, status, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
				.params(id, session.accountId(), to.kind().name(), session.sessionId(),
						current == null ? null : current.value(), to.value(),
						holder.isPresent() ? null : codeHash(id, code), Timestamp.from(expires), Timestamp.from(now))
				.update();
			this.events.publishEvent(new ContactChangeStarted(session.accountId(), session.sessionId(), to.kind(),
					to.masked(), context));
			if (holder.isPresent()) {
				this.events.publishEvent(new ContactClaimAttempted(holder.get(), to, context));
			}
			else {
				this.events.publishEvent(new ContactChangeCodeIssued(session.accountId(), to, code, validMinutes(),
						context));
			}
			return new Result.Started(new Pending(to.kind(), to.masked(), expires));
		});
		return java.util.Objects.requireNonNull(result);
	}

	/**
	 * Why a change to {@code to} cannot start now, if it cannot: checked before step-up is spent on it, and
	 * again when it starts.
	 */
	public Optional<Result> refusal(UUID accountId, Identifier to) {
		if (to.equals(current(this.accounts.find(accountId).orElseThrow(), to.kind()))) {
			return Optional.of(new Result.Refused(RecoveryRejection.CONTACT_UNCHANGED));
		}
		Instant now = this.clock.instant();
		return heldUntil(accountId, to.kind()).map(until -> new Result.Held(until, Duration.between(now, until)));
	}

	/** A new code for the waiting change; the wrong-code count stays, so resending buys no guesses (OB-04). */
	public Result resend(Actor.Customer session, Identifier.Kind kind, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Instant now = this.clock.instant();
		String code = this.randomness.digits(6);
		Result result = this.tx.execute(s -> {
			Optional<Row> pending = lockPending(session, kind, now);
			if (pending.isEmpty()) {
				return new Result.Refused(RecoveryRejection.CONTACT_CHANGE_INVALID);
			}
			Row row = pending.get();
			Identifier to = identifier(kind, row.newValue());
			if (row.sends() >= this.properties.maxSends() || !maySendTo(to, now)) {
				return new Result.Refused(RecoveryRejection.CONTACT_SEND_LIMIT);
			}
			Instant expires = now.plus(this.properties.codeValidity());
			boolean decoy = row.codeHash() == null;
			this.jdbc.sql("""
					update contact_changes set code_hash = ?, code_expires_at = ?, sends = sends + 1
					where id = ?""")
				.params(decoy ? null : codeHash(row.id(), code), Timestamp.from(expires), row.id())
				.update();
			if (!decoy) {
				this.events.publishEvent(new ContactChangeCodeIssued(session.accountId(), to, code, validMinutes(),
						context));
			}
			return new Result.Started(new Pending(kind, to.masked(), expires));
		});
		return java.util.Objects.requireNonNull(result);
	}

	/**
	 * Confirms the waiting change with the code from the new address, in the session that started it. Under
	 * a row lock, so of any number of concurrent confirmations exactly one applies the change.
	 */
	public Result confirm(Actor.Customer session, Identifier.Kind kind, String code, RequestContext context) {
		Instant now = this.clock.instant();
		String presented = code.replace(" ", "");
		String revertToken = REVERT_PREFIX + this.randomness.token(32);
		try {
			Result result = this.tx.execute(s -> {
				lockAccount(session.accountId());
				Optional<Row> pending = lockPending(session, kind, now);
				if (pending.isEmpty()) {
					return new Result.Refused(RecoveryRejection.CONTACT_CHANGE_INVALID);
				}
				Row row = pending.get();
				Optional<Instant> held = heldUntil(session.accountId(), kind);
				if (held.isPresent()) {
					// A change of this kind was confirmed while this one waited: it may not follow within the hold.
					cancelPending(row.id(), "held");
					return new Result.Held(held.get(), Duration.between(now, held.get()));
				}
				boolean right = row.codeHash() != null && row.codeExpiresAt().isAfter(now)
						&& row.wrongAttempts() < this.properties.maxWrongCodes() && presented.length() == 6
						&& this.keyedHash.matches(CODE_PURPOSE, row.id() + ":" + presented, row.codeHash());
				if (!right) {
					return wrongCode(session, row, context);
				}
				Identifier from = row.oldValue() == null ? null : identifier(kind, row.oldValue());
				Identifier to = identifier(kind, row.newValue());
				// Everyone who should hear of it: the addresses the account has before the change.
				List<Identifier> tellAt = this.accounts.find(session.accountId()).orElseThrow().identifiers();
				if (!this.contacts.replace(session.accountId(), kind, from, to, "confirmed", context)) {
					cancelPending(row.id(), "stale");
					return new Result.Refused(RecoveryRejection.CONTACT_CHANGE_INVALID);
				}
				Instant revertUntil = now.plus(this.properties.revertValidity());
				this.jdbc.sql("""
						update contact_changes set status = 'CONFIRMED', confirmed_at = ?, code_hash = null,
						    revert_token_hash = ?, revert_expires_at = ?
						where id = ?""")
					.params(Timestamp.from(now), revertHash(revertToken), Timestamp.from(revertUntil), row.id())
					.update();
				this.events.publishEvent(new ContactChangeConfirmed(session.accountId(), kind, from, to, tellAt,
						this.gatehouse.link("/contact/revert?token=" + revertToken), revertUntil, context));
				return new Result.Changed(kind, to.masked(), revertUntil);
			});
			return java.util.Objects.requireNonNull(result);
		}
		catch (Contacts.ContactUnavailable ex) {
			return new Result.Refused(RecoveryRejection.CONTACT_UNAVAILABLE);
		}
	}

	private Result wrongCode(Actor.Customer session, Row row, RequestContext context) {
		int wrong = row.wrongAttempts() + 1;
		boolean stopped = wrong >= this.properties.maxWrongCodes();
		this.jdbc.sql("update contact_changes set wrong_attempts = ? where id = ?").params(wrong, row.id()).update();
		if (stopped) {
			cancelPending(row.id(), "too_many_wrong_codes");
		}
		this.events.publishEvent(new ContactChangeFailed(session.accountId(), session.sessionId(), row.kind(),
				stopped ? "too_many_wrong_codes" : "code_invalid", context));
		return new Result.Refused(stopped ? RecoveryRejection.CONTACT_CODE_USED_UP : RecoveryRejection.CONTACT_CODE_INVALID);
	}

	/** Stops the waiting change of this kind, if any. */
	public boolean cancel(Actor.Customer session, Identifier.Kind kind, RequestContext context) {
		return Boolean.TRUE.equals(
				this.tx.execute(s -> endPending(session.accountId(), kind, "cancelled_by_owner", context, true)));
	}

	/** The changes waiting for a code, for the account's settings. */
	public List<Pending> pending(Actor.Customer session) {
		return this.jdbc.sql("""
				select kind, new_value, code_expires_at from contact_changes
				where account_id = ? and session_id = ? and status = 'PENDING' and code_expires_at > ?
				order by kind""")
			.params(session.accountId(), session.sessionId(), Timestamp.from(this.clock.instant()))
			.query((rs, n) -> {
				Identifier.Kind kind = Identifier.Kind.valueOf(rs.getString("kind"));
				return new Pending(kind, identifier(kind, rs.getString("new_value")).masked(),
						rs.getTimestamp("code_expires_at").toInstant());
			})
			.list();
	}

	/**
	 * Until when this kind cannot change again, if it cannot now: the cooldown after the last change or
	 * revert, and for as long as the last change's revert link still works (a newer change must not be able
	 * to defeat it).
	 */
	public Optional<Instant> heldUntil(UUID accountId, Identifier.Kind kind) {
		Instant now = this.clock.instant();
		long cooldown = this.properties.cooldown().toSeconds();
		return this.jdbc.sql("""
				select max(case when status = 'CONFIRMED'
				                then greatest(confirmed_at + ? * interval '1 second', revert_expires_at)
				                else reverted_at + ? * interval '1 second' end)
				from contact_changes
				where account_id = ? and kind = ? and status in ('CONFIRMED', 'REVERTED')""")
			.params(cooldown, cooldown, accountId, kind.name())
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.filter(until -> until.isAfter(now))
			.findFirst();
	}

	/** What a live revert link would undo, without spending it: the confirmation page shows only then. */
	public Optional<Revertible> revertible(String token) {
		if (!Randomness.isPrefixedToken(token, REVERT_PREFIX)) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select kind, old_value, new_value from contact_changes
				where revert_token_hash = ? and status = 'CONFIRMED' and revert_expires_at > ?""")
			.params(revertHash(token), Timestamp.from(this.clock.instant()))
			.query((rs, n) -> {
				Identifier.Kind kind = Identifier.Kind.valueOf(rs.getString("kind"));
				String old = rs.getString("old_value");
				return new Revertible(kind, old == null ? null : identifier(kind, old).masked(),
						identifier(kind, rs.getString("new_value")).masked());
			})
			.optional();
	}

	/**
	 * Spends a revert link: the old address comes back, every session ends, API keys are suspended, and the
	 * kind is held for the cooldown again. Exactly one of concurrent uses spends it; a used, expired or
	 * unknown link gets one answer and counts against the network's budget.
	 */
	public Result revert(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Result result = null;
		if (Randomness.isPrefixedToken(token, REVERT_PREFIX)) {
			try {
				result = this.tx.execute(s -> {
					Instant now = this.clock.instant();
					Optional<Row> spent = this.jdbc.sql("""
							update contact_changes set status = 'REVERTED', reverted_at = ?
							where revert_token_hash = ? and status = 'CONFIRMED' and revert_expires_at > ?
							returning id, account_id, kind, session_id, old_value, new_value, code_hash, code_expires_at,
							          wrong_attempts, sends""")
						.params(Timestamp.from(now), revertHash(token), Timestamp.from(now))
						.query(ContactChanges::row)
						.optional();
					if (spent.isEmpty()) {
						return null;
					}
					Row row = spent.get();
					Identifier restored = row.oldValue() == null ? null : identifier(row.kind(), row.oldValue());
					Identifier removed = identifier(row.kind(), row.newValue());
					if ((restored != null && this.contacts.inUse(restored))
							|| !this.contacts.replace(row.accountId(), row.kind(), removed, restored, "reverted", context)) {
						// The proven owner asked to undo it, but the old address cannot come back (another
						// account took it meanwhile): keep the account safe instead, and let recovery sort it out.
						this.statuses.freeze(row.accountId(), "revert_link", null, context);
						return new Result.Refused(RecoveryRejection.REVERT_ADDRESS_TAKEN);
					}
					for (Identifier.Kind kind : Identifier.Kind.values()) {
						endPending(row.accountId(), kind, "reverted", context, true);
					}
					this.sessions.revokeOthers(row.accountId(), null, "contact_change_reverted", context);
					this.events.publishEvent(new ApiKeysSuspended(row.accountId(), "contact_change_reverted", context));
					this.events.publishEvent(new ContactChangeReverted(row.accountId(), row.kind(), restored, removed,
							context));
					return new Result.Reverted(row.kind(), restored == null ? null : restored.masked());
				});
			}
			catch (Contacts.ContactUnavailable ex) {
				// Taken by another account in the instant between the check and the write: nothing changed.
				return new Result.Refused(RecoveryRejection.CONTACT_UNAVAILABLE);
			}
		}
		if (result == null) {
			this.tx.executeWithoutResult(s -> {
				this.rateLimits.record(LimitedAction.RESET, context.ip());
				this.events.publishEvent(new LinkRefused("contact_revert", RecoveryRejection.REVERT_LINK_INVALID, context));
			});
			return new Result.Refused(RecoveryRejection.REVERT_LINK_INVALID);
		}
		return result;
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteOld() {
		// Kept a while after the revert window for the holds and limits that count them; addresses are personal data.
		Instant cutoff = this.clock.instant().minus(this.properties.revertValidity()).minus(Duration.ofDays(1));
		this.jdbc.sql("delete from contact_changes where created_at < ? and (revert_expires_at is null or revert_expires_at < ?)")
			.params(Timestamp.from(cutoff), Timestamp.from(cutoff))
			.update();
	}

	private boolean endPending(UUID accountId, Identifier.Kind kind, String reason, RequestContext context,
			boolean announce) {
		int ended = this.jdbc.sql("""
				update contact_changes set status = 'CANCELLED', ended_reason = ?, code_hash = null
				where account_id = ? and kind = ? and status = 'PENDING'""")
			.params(reason, accountId, kind.name())
			.update();
		if (ended > 0 && announce) {
			this.events.publishEvent(new ContactChangeCancelled(accountId, kind, reason, context));
		}
		return ended > 0;
	}

	/** Stops one waiting change. */
	private void cancelPending(UUID id, String reason) {
		this.jdbc.sql("""
				update contact_changes set status = 'CANCELLED', ended_reason = ?, code_hash = null
				where id = ? and status = 'PENDING'""")
			.params(reason, id)
			.update();
	}

	/** Changes of one account happen one at a time, in this order: the account row, then its changes. */
	private void lockAccount(UUID accountId) {
		this.jdbc.sql("select id from accounts where id = ? for update").param(accountId).query(UUID.class).single();
	}

	private Optional<Row> lockPending(Actor.Customer session, Identifier.Kind kind, Instant now) {
		return this.jdbc.sql("""
				select id, account_id, kind, session_id, old_value, new_value, code_hash, code_expires_at,
				       wrong_attempts, sends
				from contact_changes
				where account_id = ? and kind = ? and session_id = ? and status = 'PENDING'
				for update""")
			.params(session.accountId(), kind.name(), session.sessionId())
			.query(ContactChanges::row)
			.optional();
	}

	/** OB-06: at most so many codes to one address per hour, whichever account asks. */
	private boolean maySendTo(Identifier to, Instant now) {
		int lastHour = this.jdbc.sql("""
				select coalesce(sum(sends), 0) from contact_changes where new_value = ? and created_at > ?""")
			.params(to.value(), Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Integer.class)
			.single();
		return lastHour < this.properties.maxSendsPerDestinationPerHour();
	}

	private static @Nullable Identifier current(Account account, Identifier.Kind kind) {
		return kind == Identifier.Kind.EMAIL ? account.email() : account.phone();
	}

	private static Identifier identifier(Identifier.Kind kind, String value) {
		return kind == Identifier.Kind.EMAIL ? new EmailAddress(value) : new PhoneNumber(value);
	}

	private int validMinutes() {
		return (int) this.properties.codeValidity().toMinutes();
	}

	private byte[] codeHash(UUID changeId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, changeId + ":" + code);
	}

	private byte[] revertHash(String token) {
		return this.keyedHash.hash(REVERT_PURPOSE, token);
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				Identifier.Kind.valueOf(rs.getString("kind")), rs.getString("old_value"), rs.getString("new_value"),
				rs.getBytes("code_hash"), rs.getTimestamp("code_expires_at").toInstant(), rs.getInt("wrong_attempts"),
				rs.getInt("sends"));
	}

	private record Row(UUID id, UUID accountId, Identifier.Kind kind, @Nullable String oldValue, String newValue,
			byte @Nullable [] codeHash, Instant codeExpiresAt, int wrongAttempts, int sends) {

		@Override
		public String toString() {
			return "Row[" + this.id + ", " + this.kind + "]";
		}
	}

	/** A change waiting for its code: the new address masked, and until when the latest code works. */
	public record Pending(Identifier.Kind kind, String maskedTo, Instant codeExpiresAt) {
	}

	/** What a revert link would undo, masked. */
	public record Revertible(Identifier.Kind kind, @Nullable String maskedRestored, String maskedRemoved) {
	}

	public sealed interface Result {

		record Started(Pending pending) implements Result {
		}

		/** @param heldUntil when this kind may change again */
		record Changed(Identifier.Kind kind, String maskedTo, Instant heldUntil) implements Result {
		}

		record Reverted(Identifier.Kind kind, @Nullable String maskedRestored) implements Result {
		}

		record Refused(RecoveryRejection rejection) implements Result {
		}

		/** The kind changed (or was reverted) within the cooldown. */
		record Held(Instant until, Duration retryAfter) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
