package io.gatehouse.kyc;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reviewers' side of identity verification: the queue, one application's details and photos (opened
 * only here, for a member with the reviewer role), and the decision, made once: an approval sets the
 * account's KYC level in the same transaction, a rejection gives the owner its reason.
 */
@Service
public class KycReviews {

	private final KycApplications applications;

	private final Accounts accounts;

	private final SecretBox secretBox;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	KycReviews(KycApplications applications, Accounts accounts, SecretBox secretBox, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.applications = applications;
		this.accounts = accounts;
		this.secretBox = secretBox;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** An application with what the owner gave, for a reviewer. */
	public record Review(Kyc.Application application, String legalName, String birthDate) {

		@Override
		public String toString() {
			return "Review[" + this.application.id() + ", <personal data redacted>]";
		}
	}

	public record Photo(String contentType, byte[] bytes) {
	}

	public List<Kyc.Application> waiting(Actor.Staff member) {
		return member.has(Actor.Staff.Role.REVIEWER) ? this.applications.waiting(200) : List.of();
	}

	public Optional<Review> review(Actor.Staff member, UUID applicationId) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.empty();
		}
		return this.applications.find(applicationId).flatMap(a -> this.applications.details(applicationId).map(d -> {
			String[] parts = this.secretBox.open(d, Kyc.detailsAad(applicationId)).split("\n", 2);
			return new Review(a, parts[0], parts.length > 1 ? parts[1] : "");
		}));
	}

	/** @param kind {@code id_document} or {@code selfie} */
	public Optional<Photo> photo(Actor.Staff member, UUID applicationId, String kind) {
		if (!member.has(Actor.Staff.Role.REVIEWER) || !(kind.equals("id_document") || kind.equals("selfie"))) {
			return Optional.empty();
		}
		return this.applications.document(applicationId, kind.toUpperCase(java.util.Locale.ROOT))
			.map(p -> new Photo(p.contentType(),
					this.secretBox.openBytes(p.sealed(), Kyc.photoAad(applicationId, p.id()))));
	}

	/** Approves with a level (1–3); the account's level becomes it. */
	public Optional<Rejection> approve(Actor.Staff member, UUID applicationId, int level, @Nullable String reason,
			RequestContext context) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.of(KycRejection.ROLE_MISSING);
		}
		if (level < 1 || level > 3) {
			return Optional.of(KycRejection.LEVEL_INVALID);
		}
		String why = reason == null || reason.isBlank() ? "identity verified" : reason.strip();
		return decide(member, applicationId, level, why, context);
	}

	public Optional<Rejection> reject(Actor.Staff member, UUID applicationId, @Nullable String reason,
			RequestContext context) {
		return decide(member, applicationId, null, reason == null ? "" : reason.strip(), context);
	}

	private Optional<Rejection> decide(Actor.Staff member, UUID applicationId, @Nullable Integer level, String reason,
			RequestContext context) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.of(KycRejection.ROLE_MISSING);
		}
		if (reason.length() < 5 || reason.length() > 1000) {
			return Optional.of(KycRejection.REASON_REQUIRED);
		}
		Optional<Kyc.Application> found = this.applications.find(applicationId);
		if (found.isEmpty()) {
			return Optional.of(KycRejection.APPLICATION_NOT_FOUND);
		}
		UUID accountId = found.get().accountId();
		Boolean decided = this.tx.execute(s -> {
			if (!this.applications.decide(applicationId, level == null ? "REJECTED" : "APPROVED", level, reason,
					member.id(), member.username(), this.clock.instant())) {
				return false;
			}
			if (level != null) {
				this.accounts.setKycLevel(accountId, level);
			}
			this.events.publishEvent(new KycEvents.KycDecided(accountId, applicationId, level, reason,
					member.auditName(), context));
			return true;
		});
		return Boolean.TRUE.equals(decided) ? Optional.empty() : Optional.of(KycRejection.ALREADY_DECIDED);
	}
}
