package io.gatehouse.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountStatuses;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Cooldowns;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.factor.FactorResets;
import io.gatehouse.factor.SecondFactors;
import io.gatehouse.recovery.RecoveryEvents.ApiKeysSuspended;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCaseCancelled;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCaseCompleted;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCaseDecided;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCaseStarted;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCaseSubmitted;
import io.gatehouse.recovery.RecoveryEvents.RecoveryCodeIssued;
import io.gatehouse.recovery.RecoveryEvents.RecoveryDocumentViewed;
import io.gatehouse.recovery.RecoveryEvents.RecoveryProofFailed;
import io.gatehouse.recovery.RecoveryEvents.RecoveryReviewStarted;
import io.gatehouse.recovery.RecoveryEvents.RecoveryStartFailed;
import io.gatehouse.session.SessionService;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lost second factor and unfreeze (PRODUCT.md 1.7, security-tests.md B9). A case starts with the password
 * (checked and throttled exactly like a sign-in, so it says nothing about which accounts exist), tells
 * every channel at once with a cancel link, then collects a code from the email and one from the phone the
 * account has, and an ID document and a selfie when the account is KYC-verified. Staff review it (two
 * different reviewers for high-value accounts); a lost-factor case then waits 72 h, cancellable, and
 * completes: every factor and backup code removed, every session ended, API keys suspended, withdrawals
 * locked 72 h, a new factor required before anything sensitive. An unfreeze case completes on approval.
 * Every transition is a guarded update from one named status, so out-of-order calls change nothing.
 */
@Service
public class RecoveryCaseService {

	static final String HOLDER_PURPOSE = "recovery-case";

	static final String CANCEL_PURPOSE = "recovery-cancel";

	static final String CODE_PURPOSE = "recovery-code";

	private static final String HOLDER_PREFIX = "ghc_";

	private static final String CANCEL_PREFIX = "ghx_";

	private final RecoveryCases cases;

	private final Accounts accounts;

	private final PasswordCheck passwords;

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final EventCounts eventCounts;

	private final SecondFactors secondFactors;

	private final FactorResets factorResets;

	private final SessionService sessions;

	private final Cooldowns cooldowns;

	private final AccountStatuses statuses;

	private final SecretBox secretBox;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final RecoveryCaseProperties properties;

	private final GatehouseProperties gatehouse;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	RecoveryCaseService(RecoveryCases cases, Accounts accounts, PasswordCheck passwords, PasswordThrottle throttle,
			RateLimits rateLimits, EventCounts eventCounts, SecondFactors secondFactors, FactorResets factorResets,
			SessionService sessions, Cooldowns cooldowns, AccountStatuses statuses, SecretBox secretBox,
			KeyedHash keyedHash, Randomness randomness, Clock clock, RecoveryCaseProperties properties,
			GatehouseProperties gatehouse, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.cases = cases;
		this.accounts = accounts;
		this.passwords = passwords;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.eventCounts = eventCounts;
		this.secondFactors = secondFactors;
		this.factorResets = factorResets;
		this.sessions = sessions;
		this.cooldowns = cooldowns;
		this.statuses = statuses;
		this.secretBox = secretBox;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.properties = properties;
		this.gatehouse = gatehouse;
		this.events = events;
		this.tx = tx;
	}

	// ---- the owner's side ------------------------------------------------------------------------

	/**
	 * Starts a case with the account's identifier and password. A wrong password or an unknown identifier
	 * get the same answer and fill the same throttle as a sign-in (RC-07).
	 */
	public Result start(String rawIdentifier, String password, RecoveryCase.Kind kind, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		if (identifier.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CREDENTIALS_INVALID);
		}
		PasswordCheck.Candidate candidate = this.passwords.find(identifier.get());
		Account named = candidate.account();
		PasswordThrottle.Subject subject = named != null ? this.throttle.account(named.id())
				: this.throttle.unknownIdentifier(identifier.get().value());
		Instant now = this.clock.instant();
		Optional<PasswordThrottle.Reservation> reserved = this.throttle.reserve(subject, true, now);
		if (reserved.isEmpty()) {
			return new Result.Limited(this.throttle.state(subject, now).retryAfter(now));
		}
		PasswordCheck.Outcome outcome = this.passwords.verify(candidate, password);
		Account account = outcome.account();
		if (!outcome.matched() || account == null) {
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new RecoveryStartFailed(
					account == null ? null : account.id(), identifier.get().masked(), kind.wireName(), context)));
			return new Result.Refused(RecoveryRejection.CREDENTIALS_INVALID);
		}
		this.tx.executeWithoutResult(s -> this.throttle.clear(subject));
		boolean applies = switch (kind) {
			case LOST_FACTOR -> account.status() == Account.Status.ACTIVE && this.secondFactors.anyEnrolled(account.id());
			case UNFREEZE -> account.status() == Account.Status.FROZEN;
		};
		if (!applies) {
			return new Result.Refused(RecoveryRejection.CASE_NOT_NEEDED);
		}
		String holder = HOLDER_PREFIX + this.randomness.token(32);
		String cancel = CANCEL_PREFIX + this.randomness.token(32);
		UUID caseId = this.randomness.uuid();
		return this.tx.execute(s -> {
			Optional<RecoveryCase> open = this.cases.findOpen(account.id());
			if (open.isPresent()) {
				if (open.get().status() != RecoveryCase.Status.COLLECTING) {
					return new Result.Refused(RecoveryRejection.CASE_OPEN);
				}
				// An unfinished case (a lost browser, a second try) gives way to the new one.
				cancel(open.get(), "replaced", context);
			}
			this.cases.insert(new RecoveryCases.NewCase(caseId, account.id(), kind, hash(HOLDER_PURPOSE, holder),
					hash(CANCEL_PURPOSE, cancel), account.email() != null, account.phone() != null,
					account.kycLevel() >= 1, this.accounts.isHighValue(account.id()) ? 2 : 1, now,
					now.plus(this.properties.collectingWindow())));
			// RC-03: every channel hears of it at once, with the way to stop it.
			this.events.publishEvent(new RecoveryCaseStarted(account.id(), caseId, kind.wireName(),
					this.gatehouse.link("/recovery/cancel?token=" + cancel), context));
			sendCodes(caseId, account, true, true, context);
			return new Result.Started(this.cases.find(caseId).orElseThrow(), holder);
		});
	}

	/** The case this holder secret names, while it is worth showing (not after cancellation). */
	public Optional<RecoveryCase> view(@Nullable String holder) {
		if (holder == null || !wellFormed(holder, HOLDER_PREFIX)) {
			return Optional.empty();
		}
		return this.cases.findByHolder(hash(HOLDER_PURPOSE, holder));
	}

	/** A code from the email ({@code channel = "email"}) or the phone ({@code "phone"}). */
	public Result prove(@Nullable String holder, String channel, String code, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		boolean required = channel.equals("email") ? c.emailRequired() : channel.equals("phone") && c.phoneRequired();
		if (!required) {
			return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
		}
		String presented = code.replace(" ", "").strip();
		if (presented.length() == 6 && presented.chars().allMatch(Character::isDigit)
				&& Boolean.TRUE.equals(this.tx.execute(s -> {
					boolean proven = this.cases.proveCode(c.id(), channel, codeHash(c.id(), channel, presented),
							this.clock.instant(), this.properties.maxWrongCodes());
					if (proven) {
						this.events.publishEvent(new RecoveryEvents.RecoveryProofAccepted(c.accountId(), c.id(), channel,
								context));
					}
					return proven;
				}))) {
			return new Result.Updated(this.cases.find(c.id()).orElseThrow());
		}
		RecoveryCase now = this.cases.find(c.id()).orElseThrow();
		if (channel.equals("email") ? now.emailProvedAt() != null : now.phoneProvedAt() != null) {
			// Proven already (a double submit, or a concurrent one that won): nothing to count against the case.
			return new Result.Updated(now);
		}
		this.tx.executeWithoutResult(s -> {
			int wrong = this.cases.countWrong(c.id());
			this.events.publishEvent(new RecoveryProofFailed(c.accountId(), c.id(), channel, wrong, context));
			if (wrong >= this.properties.maxWrongCodes()) {
				cancel(c, "too_many_wrong_codes", context);
			}
		});
		return new Result.Refused(RecoveryRejection.CODE_INVALID);
	}

	/** New codes for the channels not yet proven; a few per account per hour. */
	public Result resendCodes(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		Instant now = this.clock.instant();
		if (this.eventCounts.since(c.accountId(), "recovery_code_issued", now.minus(Duration.ofHours(1)))
				>= this.properties.maxCodeSends() * 2) {
			return new Result.Limited(Duration.ofHours(1));
		}
		Account account = this.accounts.find(c.accountId()).orElseThrow();
		this.tx.executeWithoutResult(s -> sendCodes(c.id(), account, c.emailProvedAt() == null,
				c.phoneProvedAt() == null, context));
		return new Result.Updated(c);
	}

	/** An ID document or selfie, checked and rebuilt (see {@link IdentityDocuments}), stored sealed. */
	public Result upload(@Nullable String holder, String kind, byte[] bytes, @Nullable String declaredType,
			RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		String column = switch (kind) {
			case "id_document" -> "ID_DOCUMENT";
			case "selfie" -> "SELFIE";
			default -> "";
		};
		if (column.isEmpty()) {
			return new Result.Refused(RecoveryRejection.DOCUMENT_KIND);
		}
		if (!c.documentsRequired()) {
			return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
		}
		return switch (IdentityDocuments.check(bytes, declaredType, this.properties.maxDocumentSize().toBytes())) {
			case IdentityDocuments.Result.Refused r -> {
				this.tx.executeWithoutResult(s -> this.events.publishEvent(
						new RecoveryEvents.RecoveryDocumentRefused(c.accountId(), c.id(), kind, r.rejection().code(), context)));
				yield new Result.Refused(r.rejection());
			}
			case IdentityDocuments.Result.Accepted a -> {
				UUID documentId = this.randomness.uuid();
				SecretBox.Sealed sealed = this.secretBox.sealBytes(a.document().bytes(), documentAad(c.id(), documentId));
				this.tx.executeWithoutResult(s -> {
					this.cases.putDocument(new RecoveryCases.Document(documentId, c.id(), column,
							a.document().type().mediaType, a.document().bytes().length, a.document().width(),
							a.document().height(), this.clock.instant()), sealed);
					this.events.publishEvent(new RecoveryEvents.RecoveryDocumentAdded(c.accountId(), c.id(), kind, context));
				});
				yield new Result.Updated(this.cases.find(c.id()).orElseThrow());
			}
		};
	}

	/** Sends the case to review once every proof is in. */
	public Result submit(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> found = collecting(holder);
		if (found.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		if (!c.proofsComplete()) {
			return new Result.Refused(RecoveryRejection.CASE_INCOMPLETE);
		}
		Boolean moved = this.tx.execute(s -> {
			if (!this.cases.transition(c.id(), RecoveryCase.Status.COLLECTING, RecoveryCase.Status.SUBMITTED)) {
				return false;
			}
			this.cases.submitted(c.id(), this.clock.instant());
			this.events.publishEvent(new RecoveryCaseSubmitted(c.accountId(), c.id(), c.kind().wireName(), context));
			return true;
		});
		return Boolean.TRUE.equals(moved) ? new Result.Updated(this.cases.find(c.id()).orElseThrow())
				: new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
	}

	/** The owner cancels from the status page. */
	public Result cancelByHolder(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> c = view(holder).filter(x -> x.status().open());
		if (c.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		return Boolean.TRUE.equals(this.tx.execute(s -> cancel(c.get(), "cancelled_by_owner", context)))
				? new Result.Updated(this.cases.find(c.get().id()).orElseThrow())
				: new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
	}

	/** Whether a cancel link names a case that can still be cancelled (the confirmation page shows only then). */
	public boolean cancelLinkIsLive(String token) {
		return wellFormed(token, CANCEL_PREFIX) && this.cases.findByCancel(hash(CANCEL_PURPOSE, token))
			.flatMap(this.cases::find)
			.filter(c -> c.status().open())
			.isPresent();
	}

	/** RC-03: the link from the messages cancels the case at any point before completion, without signing in. */
	public Result cancelByLink(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Optional<RecoveryCase> c = wellFormed(token, CANCEL_PREFIX)
				? this.cases.findByCancel(hash(CANCEL_PURPOSE, token)).flatMap(this.cases::find) : Optional.empty();
		boolean cancelled = c.isPresent()
				&& Boolean.TRUE.equals(this.tx.execute(s -> cancel(c.get(), "cancelled_by_link", context)));
		if (!cancelled) {
			this.tx.executeWithoutResult(s -> this.rateLimits.record(LimitedAction.RESET, context.ip()));
			return new Result.Refused(RecoveryRejection.CANCEL_LINK_INVALID);
		}
		return new Result.Updated(this.cases.find(c.get().id()).orElseThrow());
	}

	// ---- staff review ----------------------------------------------------------------------------

	/** What a reviewer sees of a case. */
	public record CaseView(RecoveryCase recoveryCase, Account account, boolean highValue,
			List<RecoveryCases.Review> reviews, List<RecoveryCases.Document> documents) {
	}

	/** The review queue, oldest first. Reviewers only. */
	public Optional<List<RecoveryCase>> queue(Actor.Staff staff) {
		return staff.has(Actor.Staff.Role.REVIEWER) ? Optional.of(this.cases.queue(100)) : Optional.empty();
	}

	/**
	 * A case as a reviewer sees it; the reading is recorded (staff access to personal data leaves a trace),
	 * nothing else changes: a reviewer takes the case with {@link #startReview}.
	 */
	public Optional<CaseView> open(Actor.Staff staff, UUID caseId, RequestContext context) {
		Optional<CaseView> view = current(staff, caseId);
		view.ifPresent(v -> this.tx.executeWithoutResult(s -> this.events.publishEvent(
				new RecoveryEvents.RecoveryCaseViewed(v.recoveryCase().accountId(), caseId, staff.auditName(), context))));
		return view;
	}

	/** A case as it stands right after a reviewer's action (which is recorded already): nothing is recorded. */
	public Optional<CaseView> current(Actor.Staff staff, UUID caseId) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.empty();
		}
		return this.cases.find(caseId)
			.flatMap(c -> this.accounts.find(c.accountId())
				.map(a -> new CaseView(c, a, this.accounts.isHighValue(a.id()), this.cases.reviews(caseId),
						this.cases.documents(caseId))));
	}

	/**
	 * A reviewer takes a submitted case: it becomes under review, recorded with who took it. A case already
	 * under review stays so (a second reviewer of a high-value case just decides); any other status is refused.
	 */
	public Result startReview(Actor.Staff staff, UUID caseId, RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return new Result.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
		}
		Result result = this.tx.execute(s -> {
			Optional<RecoveryCase.Status> status = this.cases.lockStatus(caseId);
			if (status.isEmpty()) {
				return new Result.Refused(RecoveryRejection.CASE_INVALID);
			}
			if (status.get() == RecoveryCase.Status.SUBMITTED) {
				this.cases.transition(caseId, RecoveryCase.Status.SUBMITTED, RecoveryCase.Status.UNDER_REVIEW);
				RecoveryCase c = this.cases.find(caseId).orElseThrow();
				this.events.publishEvent(new RecoveryReviewStarted(c.accountId(), caseId, staff.auditName(), context));
				return new Result.Updated(c);
			}
			if (status.get() == RecoveryCase.Status.UNDER_REVIEW) {
				return new Result.Updated(this.cases.find(caseId).orElseThrow());
			}
			return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
		});
		return java.util.Objects.requireNonNull(result);
	}

	/**
	 * A reviewer's decision, with its reason. Only a case under review can be decided; each reviewer decides
	 * once; a rejection ends the case; approval needs as many different reviewers as the case requires.
	 */
	public Result decide(Actor.Staff staff, UUID caseId, boolean approve, @Nullable String rawReason,
			RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return new Result.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
		}
		String reason = rawReason == null ? "" : rawReason.strip();
		if (reason.length() < 5 || reason.length() > 1000) {
			return new Result.Refused(RecoveryRejection.REVIEW_REASON_REQUIRED);
		}
		Optional<RecoveryCase> found = this.cases.find(caseId);
		if (found.isEmpty()) {
			return new Result.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		Result result = this.tx.execute(s -> {
			// The row lock makes concurrent decisions on one case take turns, so two approvals are both counted.
			if (this.cases.lockStatus(caseId).orElse(null) != RecoveryCase.Status.UNDER_REVIEW) {
				return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
			}
			Instant now = this.clock.instant();
			if (!this.cases.review(caseId, staff.id(), staff.username(), approve ? "APPROVE" : "REJECT", reason, now)) {
				return new Result.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
			}
			this.events.publishEvent(new RecoveryCaseDecided(c.accountId(), caseId, approve ? "approve" : "reject",
					reason, staff.auditName(), context));
			if (!approve) {
				if (!this.cases.transition(caseId, RecoveryCase.Status.UNDER_REVIEW, RecoveryCase.Status.REJECTED)) {
					s.setRollbackOnly();
					return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
				}
				this.cases.decided(caseId, now);
				this.events.publishEvent(new RecoveryEvents.RecoveryCaseRejected(c.accountId(), caseId,
						c.kind().wireName(), staff.auditName(), context));
				return new Result.Updated(this.cases.find(caseId).orElseThrow());
			}
			long approvals = this.cases.reviews(caseId).stream().filter(r -> r.decision().equals("APPROVE")).count();
			if (approvals < c.approvalsRequired()) {
				return new Result.Updated(this.cases.find(caseId).orElseThrow());
			}
			if (!this.cases.transition(caseId, RecoveryCase.Status.UNDER_REVIEW, RecoveryCase.Status.APPROVED)) {
				s.setRollbackOnly();
				return new Result.Refused(RecoveryRejection.CASE_WRONG_STATE);
			}
			Instant waitingUntil = c.kind() == RecoveryCase.Kind.LOST_FACTOR ? now.plus(this.properties.waitingPeriod())
					: now;
			this.cases.approved(caseId, now, waitingUntil);
			this.events.publishEvent(new RecoveryEvents.RecoveryCaseApproved(c.accountId(), caseId, c.kind().wireName(),
					waitingUntil, staff.auditName(), context));
			if (c.kind() == RecoveryCase.Kind.UNFREEZE) {
				complete(caseId, staff.auditName(), context);
			}
			return new Result.Updated(this.cases.find(caseId).orElseThrow());
		});
		return java.util.Objects.requireNonNull(result);
	}

	/** A document's plain bytes, for a reviewer, within one case only (RC-05); each viewing is recorded. */
	public Optional<Evidence> document(Actor.Staff staff, UUID caseId, UUID documentId, RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.empty();
		}
		return this.cases.sealedDocument(caseId, documentId).map(d -> {
			byte[] bytes = this.secretBox.openBytes(d.sealed(), documentAad(caseId, documentId));
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new RecoveryDocumentViewed(
					this.cases.find(caseId).orElseThrow().accountId(), caseId, d.document().kind(), staff.auditName(), context)));
			return new Evidence(d.document().contentType(), bytes);
		});
	}

	public record Evidence(String contentType, byte[] bytes) {

		@Override
		public String toString() {
			return "Evidence[" + this.contentType + ", " + this.bytes.length + " bytes]";
		}
	}

	// ---- completion ------------------------------------------------------------------------------

	/**
	 * Completes approved cases whose waiting period is over, and lets lapsed collecting cases go. Both
	 * are days away when they are set, so a look every few seconds is on time; each look costs two
	 * transactions, which a half-second poll (the reset queue's, where a person waits for a message)
	 * would spend some 14,000 times an hour on a queue that is nearly always empty.
	 */
	@Scheduled(fixedDelayString = "${gatehouse.recovery.case.completion-interval:10s}", initialDelayString = "PT1S")
	void completeDue() {
		for (int i = 0; i < 20; i++) {
			Boolean more = this.tx.execute(s -> {
				List<UUID> due = this.cases.dueForCompletion(this.clock.instant(), 1);
				due.forEach(id -> complete(id, null, null));
				return !due.isEmpty();
			});
			if (!Boolean.TRUE.equals(more)) {
				break;
			}
		}
		this.tx.executeWithoutResult(s -> this.cases.staleCollecting(this.clock.instant(), 50)
			.forEach(id -> this.cases.find(id).ifPresent(c -> cancel(c, "expired", null))));
	}

	private void complete(UUID caseId, @Nullable String actor, @Nullable RequestContext context) {
		RecoveryCase c = this.cases.find(caseId).orElseThrow();
		if (!this.cases.transition(caseId, RecoveryCase.Status.APPROVED, RecoveryCase.Status.COMPLETED)) {
			return;
		}
		this.cases.completed(caseId, this.clock.instant());
		switch (c.kind()) {
			case LOST_FACTOR -> {
				this.factorResets.removeAll(c.accountId(), "lost_factor_recovery", actor);
				this.sessions.revokeOthers(c.accountId(), null, "lost_factor_recovery", context);
				this.events.publishEvent(new ApiKeysSuspended(c.accountId(), "lost_factor_recovery", context));
				this.cooldowns.start(c.accountId(), this.properties.cooldown(), "lost_factor_recovery", context);
			}
			case UNFREEZE -> this.statuses.unfreeze(c.accountId(), "recovery_case", actor, context);
		}
		this.events.publishEvent(new RecoveryCaseCompleted(c.accountId(), caseId, c.kind().wireName(), actor, context));
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private Optional<RecoveryCase> collecting(@Nullable String holder) {
		return view(holder).filter(c -> c.status() == RecoveryCase.Status.COLLECTING)
			.filter(c -> c.expiresAt().isAfter(this.clock.instant()));
	}

	private boolean cancel(RecoveryCase c, String reason, @Nullable RequestContext context) {
		if (!this.cases.cancel(c.id(), reason, this.clock.instant())) {
			return false;
		}
		this.events.publishEvent(new RecoveryCaseCancelled(c.accountId(), c.id(), c.kind().wireName(), reason, context));
		return true;
	}

	private void sendCodes(UUID caseId, Account account, boolean email, boolean phone, @Nullable RequestContext context) {
		Instant now = this.clock.instant();
		String emailCode = email && account.email() != null ? this.randomness.digits(6) : null;
		String phoneCode = phone && account.phone() != null ? this.randomness.digits(6) : null;
		this.cases.storeCodes(caseId, emailCode == null ? null : codeHash(caseId, "email", emailCode),
				phoneCode == null ? null : codeHash(caseId, "phone", phoneCode), now.plus(this.properties.codeValidity()));
		int minutes = (int) this.properties.codeValidity().toMinutes();
		if (emailCode != null) {
			this.events.publishEvent(new RecoveryCodeIssued(account.id(), caseId,
					java.util.Objects.requireNonNull(account.email()), emailCode, minutes, context));
		}
		if (phoneCode != null) {
			this.events.publishEvent(new RecoveryCodeIssued(account.id(), caseId,
					java.util.Objects.requireNonNull(account.phone()), phoneCode, minutes, context));
		}
	}

	private byte[] codeHash(UUID caseId, String channel, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, caseId + ":" + channel + ":" + code);
	}

	private byte[] hash(String purpose, String token) {
		return this.keyedHash.hash(purpose, token);
	}

	private static String documentAad(UUID caseId, UUID documentId) {
		return "recovery-document:" + caseId + ":" + documentId;
	}

	private static boolean wellFormed(String token, String prefix) {
		return Randomness.isPrefixedToken(token, prefix);
	}

	public sealed interface Result {

		/** A new case, and the secret that lets this browser or client follow it (shown once). */
		record Started(RecoveryCase recoveryCase, String holder) implements Result {

			@Override
			public String toString() {
				return "Started[" + this.recoveryCase.id() + ", holder=<redacted>]";
			}
		}

		record Updated(RecoveryCase recoveryCase) implements Result {
		}

		record Refused(Rejection rejection) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
