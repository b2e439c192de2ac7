package io.gatehouse.account.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.EmailAddress;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PhoneNumber;
import io.gatehouse.account.contact.ContactEvents.ContactChangeCancelled;
import io.gatehouse.account.contact.ContactEvents.ContactChangeCodeIssued;
import io.gatehouse.account.contact.ContactEvents.ContactChangeStarted;
import io.gatehouse.account.contact.ContactEvents.ContactClaimAttempted;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changing the account's email address or phone number (PRODUCT.md 1.7; SU-05, OB-08); undoing it is
 * {@link ContactReverts}, confirming it {@link ContactConfirmation}. After step-up (the
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

	private final ContactChangeRows rows;

	private final ContactSecrets secrets;

	private final Accounts accounts;

	private final RateLimits rateLimits;

	private final ContactChangeProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	ContactChanges(ContactChangeRows rows, ContactSecrets secrets, Accounts accounts, RateLimits rateLimits,
			ContactChangeProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.rows = rows;
		this.secrets = secrets;
		this.accounts = accounts;
		this.rateLimits = rateLimits;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** What a person typed as the new address, if it is one of this kind. */
	public static Optional<Identifier> parse(Identifier.Kind kind, String raw) {
		if (raw.length() > Identifier.MAX_RAW_LENGTH) {
			return Optional.empty();
		}
		return Identifier.parse(raw).filter(i -> i.kind() == kind);
	}

	/** The step-up parameters a change to {@code to} is bound to (SU-02): its kind and the new address. */
	public static Map<String, String> stepUpParams(Identifier to) {
		return Map.of(to.kind().wireName(), to.value());
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
		UUID id = this.secrets.newChangeId();
		String code = this.secrets.newCode();
		Result result = this.tx.execute(s -> {
			// One change at a time per account: the limits below are counted under this lock.
			this.rows.lockAccount(session.accountId());
			Optional<Result> refusedNow = refusal(session.accountId(), to);
			if (refusedNow.isPresent()) {
				return refusedNow.get();
			}
			int today = this.rows.startedSince(session.accountId(), now.minus(Duration.ofDays(1)));
			if (today >= this.properties.maxChangesPerDay() || !maySendTo(to, now)) {
				return new Result.Refused(ContactRejection.CONTACT_SEND_LIMIT);
			}
			endPending(session.accountId(), to.kind(), "replaced", context, false);
			Optional<UUID> holder = this.accounts.findByIdentifier(to).map(Account::id);
			Instant expires = now.plus(this.properties.codeValidity());
			this.rows.insert(id, session.accountId(), to.kind(), session.sessionId(),
					current == null ? null : current.value(), to.value(),
					holder.isPresent() ? null : this.secrets.codeHash(id, code), expires, now);
			ContactChangeStarted started = new ContactChangeStarted(session.accountId(), session.sessionId(), to.kind(),
					to.masked(), context);
			if (holder.isPresent()) {
				// Two accounts' audit chains in one transaction: their heads are locked in key order, so two
				// accounts claiming each other's address at the same moment cannot deadlock.
				ContactClaimAttempted claim = new ContactClaimAttempted(holder.get(), to, context);
				boolean claimFirst = holder.get().toString().compareTo(session.accountId().toString()) < 0;
				this.events.publishEvent(claimFirst ? claim : started);
				this.events.publishEvent(claimFirst ? started : claim);
			}
			else {
				this.events.publishEvent(started);
				this.events.publishEvent(new ContactChangeCodeIssued(session.accountId(), to, code, validMinutes(),
						context));
			}
			return new Result.Started(new Pending(to.kind(), to.masked(), expires));
		});
		return Objects.requireNonNull(result);
	}

	/**
	 * Why a change to {@code to} cannot start now, if it cannot: checked before step-up is spent on it, and
	 * again when it starts.
	 */
	public Optional<Result> refusal(UUID accountId, Identifier to) {
		if (to.equals(current(this.accounts.find(accountId).orElseThrow(), to.kind()))) {
			return Optional.of(new Result.Refused(ContactRejection.CONTACT_UNCHANGED));
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
		String code = this.secrets.newCode();
		Result result = this.tx.execute(s -> {
			Optional<ContactChangeRows.Row> pending = this.rows.lockPending(session.accountId(), session.sessionId(), kind);
			if (pending.isEmpty()) {
				return new Result.Refused(ContactRejection.CONTACT_CHANGE_INVALID);
			}
			ContactChangeRows.Row row = pending.get();
			Identifier to = identifier(kind, row.newValue());
			if (row.sends() >= this.properties.maxSends() || !maySendTo(to, now)) {
				return new Result.Refused(ContactRejection.CONTACT_SEND_LIMIT);
			}
			Instant expires = now.plus(this.properties.codeValidity());
			boolean decoy = row.codeHash() == null;
			this.rows.newCode(row.id(), decoy ? null : this.secrets.codeHash(row.id(), code), expires);
			if (!decoy) {
				this.events.publishEvent(new ContactChangeCodeIssued(session.accountId(), to, code, validMinutes(),
						context));
			}
			return new Result.Started(new Pending(kind, to.masked(), expires));
		});
		return Objects.requireNonNull(result);
	}

	/** Stops the waiting change of this kind, if any. */
	public boolean cancel(Actor.Customer session, Identifier.Kind kind, RequestContext context) {
		return Boolean.TRUE.equals(
				this.tx.execute(s -> endPending(session.accountId(), kind, "cancelled_by_owner", context, true)));
	}

	/** The changes waiting for a code, for the account's settings. */
	public List<Pending> pending(Actor.Customer session) {
		return this.rows.pending(session.accountId(), session.sessionId(), this.clock.instant())
			.stream()
			.map(r -> new Pending(r.kind(), identifier(r.kind(), r.newValue()).masked(), r.codeExpiresAt()))
			.toList();
	}

	/**
	 * Until when this kind cannot change again, if it cannot now: the cooldown after the last change or
	 * revert, and for as long as the last change's revert link still works (a newer change must not be able
	 * to defeat it).
	 */
	public Optional<Instant> heldUntil(UUID accountId, Identifier.Kind kind) {
		return this.rows.heldUntil(accountId, kind, this.properties.cooldown(), this.clock.instant());
	}

	/** Ends the account's waiting change of this kind, if any; told to the owner when {@code announce}. */
	boolean endPending(UUID accountId, Identifier.Kind kind, String reason, RequestContext context, boolean announce) {
		boolean ended = this.rows.endPending(accountId, kind, reason);
		if (ended && announce) {
			this.events.publishEvent(new ContactChangeCancelled(accountId, kind, reason, context));
		}
		return ended;
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteOld() {
		this.rows.deleteOlderThan(this.clock.instant().minus(this.properties.revertValidity()).minus(Duration.ofDays(1)));
	}

	/** OB-06: at most so many codes to one address per hour, whichever account asks. */
	private boolean maySendTo(Identifier to, Instant now) {
		return this.rows.sendsTo(to.value(), now.minus(Duration.ofHours(1)))
				< this.properties.maxSendsPerDestinationPerHour();
	}

	private static @Nullable Identifier current(Account account, Identifier.Kind kind) {
		return kind == Identifier.Kind.EMAIL ? account.email() : account.phone();
	}

	static Identifier identifier(Identifier.Kind kind, String value) {
		return kind == Identifier.Kind.EMAIL ? new EmailAddress(value) : new PhoneNumber(value);
	}

	private int validMinutes() {
		return (int) this.properties.codeValidity().toMinutes();
	}

	/** A change waiting for its code: the new address masked, and until when the latest code works. */
	public record Pending(Identifier.Kind kind, String maskedTo, Instant codeExpiresAt) {
	}

	public sealed interface Result {

		record Started(Pending pending) implements Result {
		}

		/** @param heldUntil when this kind may change again */
		record Changed(Identifier.Kind kind, String maskedTo, Instant heldUntil) implements Result {
		}

		record Refused(ContactRejection rejection) implements Result {
		}

		/** The kind changed (or was reverted) within the cooldown. */
		record Held(Instant until, Duration retryAfter) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
