package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseSubmitted;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryProofAccepted;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryProofFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's side of an open case, after it started: reading it, the codes from the email and the
 * phone, new codes, and sending the case for review once every proof is in. The holder token names the
 * case; a code is spent by one conditional update.
 */
@Service
public class CaseProofs {

	private final RecoveryCases cases;

	private final CaseSecrets secrets;

	private final Accounts accounts;

	private final EventCounts eventCounts;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseProofs(RecoveryCases cases, CaseSecrets secrets, Accounts accounts, EventCounts eventCounts,
			RecoveryCaseProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.cases = cases;
		this.secrets = secrets;
		this.accounts = accounts;
		this.eventCounts = eventCounts;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** The case this holder token names, while it is worth showing (not after cancellation). */
	public Optional<RecoveryCase> view(@Nullable String holder) {
		return this.secrets.byHolder(holder);
	}

	/** A code from the email ({@code channel = "email"}) or the phone ({@code "phone"}). */
	public CaseResult prove(@Nullable String holder, String channel, String code, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		boolean required = channel.equals("email") ? c.emailRequired() : channel.equals("phone") && c.phoneRequired();
		if (!required) {
			return new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
		}
		String presented = code.replace(" ", "").strip();
		if (presented.length() == 6 && presented.chars().allMatch(Character::isDigit)
				&& Boolean.TRUE.equals(this.tx.execute(s -> {
					boolean proven = this.cases.proveCode(c.id(), channel, this.secrets.codeHash(c.id(), channel, presented),
							this.clock.instant(), this.properties.maxWrongCodes());
					if (proven) {
						this.events.publishEvent(new RecoveryProofAccepted(c.accountId(), c.id(), channel, context));
					}
					return proven;
				}))) {
			return new CaseResult.Updated(this.cases.find(c.id()).orElseThrow());
		}
		RecoveryCase now = this.cases.find(c.id()).orElseThrow();
		if (channel.equals("email") ? now.emailProvedAt() != null : now.phoneProvedAt() != null) {
			// Proven already (a double submit, or a concurrent one that won): nothing to count against the case.
			return new CaseResult.Updated(now);
		}
		this.tx.executeWithoutResult(s -> {
			int wrong = this.cases.countWrong(c.id());
			this.events.publishEvent(new RecoveryProofFailed(c.accountId(), c.id(), channel, wrong, context));
			if (wrong >= this.properties.maxWrongCodes()) {
				this.secrets.cancel(c, "too_many_wrong_codes", context);
			}
		});
		return new CaseResult.Refused(RecoveryRejection.CODE_INVALID);
	}

	/** New codes for the channels not yet proven; a few per account per hour. */
	public CaseResult resendCodes(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		Instant now = this.clock.instant();
		if (this.eventCounts.since(c.accountId(), "recovery_code_issued", now.minus(Duration.ofHours(1)))
				>= this.properties.maxCodeSends() * 2) {
			return new CaseResult.Limited(Duration.ofHours(1));
		}
		Account account = this.accounts.find(c.accountId()).orElseThrow();
		this.tx.executeWithoutResult(s -> this.secrets.sendCodes(c.id(), account, c.emailProvedAt() == null,
				c.phoneProvedAt() == null, context));
		return new CaseResult.Updated(c);
	}

	/** Sends the case to review once every proof is in. */
	public CaseResult submit(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		if (!c.proofsComplete()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INCOMPLETE);
		}
		Boolean moved = this.tx.execute(s -> {
			if (!this.cases.move(c.id(), RecoveryCase.Transition.SUBMIT)) {
				return false;
			}
			this.cases.submitted(c.id(), this.clock.instant());
			this.events.publishEvent(new RecoveryCaseSubmitted(c.accountId(), c.id(), c.kind().wireName(), context));
			return true;
		});
		return Boolean.TRUE.equals(moved) ? new CaseResult.Updated(this.cases.find(c.id()).orElseThrow())
				: new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
	}

	/** The case the holder names, while it is still collecting proofs and its window is open. */
	Optional<RecoveryCase> collecting(@Nullable String holder) {
		return this.secrets.byHolder(holder)
			.filter(c -> c.status() == RecoveryCase.Status.COLLECTING)
			.filter(c -> c.expiresAt().isAfter(this.clock.instant()));
	}
}
