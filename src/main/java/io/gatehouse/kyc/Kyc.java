package io.gatehouse.kyc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Country;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An owner's identity verification: one application at a time, checked in full before anything is
 * written (name, date of birth, country, both photos), then stored sealed in one transaction.
 */
@Service
public class Kyc {

	/** Letters of any script, spaces, apostrophes, dots, commas and hyphens. */
	private static final Pattern LEGAL_NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .,'\u2019-]{1,99}");

	private final KycApplications applications;

	private final SecretBox secretBox;

	private final Randomness randomness;

	private final KycProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	Kyc(KycApplications applications, SecretBox secretBox, Randomness randomness, KycProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.applications = applications;
		this.secretBox = secretBox;
		this.randomness = randomness;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	public enum Status {
		SUBMITTED, APPROVED, REJECTED
	}

	/** An application as its owner and reviewers see it (without the sealed details and photos). */
	public record Application(UUID id, UUID accountId, String country, Status status, @Nullable Integer level,
			@Nullable String reason, Instant submittedAt, @Nullable String decidedBy, @Nullable Instant decidedAt) {
	}

	/** A photo as uploaded: its bytes and the type the browser declared. */
	public record Photo(byte[] bytes, @Nullable String declaredType) {

		@Override
		public String toString() {
			return "Photo[" + this.bytes.length + " bytes]";
		}
	}

	/** What the owner gives. */
	public record Submission(String legalName, String birthDate, String country, @Nullable Photo idDocument,
			@Nullable Photo selfie) {

		@Override
		public String toString() {
			return "Submission[<personal data redacted>]";
		}
	}

	public sealed interface Result {

		record Submitted(Application application) implements Result {
		}

		record Refused(Rejection rejection) implements Result {
		}
	}

	public Optional<Application> latest(UUID accountId) {
		return this.applications.latest(accountId);
	}

	public Result submit(UUID accountId, Submission submission, RequestContext context) {
		String name = submission.legalName().strip().replaceAll("\\s+", " ");
		if (!LEGAL_NAME.matcher(name).matches()) {
			return new Result.Refused(KycRejection.NAME_INVALID);
		}
		Optional<LocalDate> birth = birthDate(submission.birthDate());
		if (birth.isEmpty()) {
			return new Result.Refused(KycRejection.BIRTH_DATE_INVALID);
		}
		Optional<Country> country = Country.parse(submission.country());
		if (country.isEmpty()) {
			return new Result.Refused(KycRejection.COUNTRY_INVALID);
		}
		if (submission.idDocument() == null || submission.selfie() == null) {
			return new Result.Refused(KycRejection.PHOTO_MISSING);
		}
		if (this.applications.latest(accountId).filter(a -> a.status() == Status.SUBMITTED).isPresent()) {
			return new Result.Refused(KycRejection.ALREADY_SUBMITTED);
		}
		long limit = this.properties.maxDocumentSize().toBytes();
		IdentityDocuments.Checked document;
		IdentityDocuments.Checked selfie;
		switch (IdentityDocuments.check(submission.idDocument().bytes(), submission.idDocument().declaredType(), limit)) {
			case IdentityDocuments.Result.Refused r -> {
				return new Result.Refused(r.rejection());
			}
			case IdentityDocuments.Result.Accepted a -> document = a.document();
		}
		switch (IdentityDocuments.check(submission.selfie().bytes(), submission.selfie().declaredType(), limit)) {
			case IdentityDocuments.Result.Refused r -> {
				return new Result.Refused(r.rejection());
			}
			case IdentityDocuments.Result.Accepted a -> selfie = a.document();
		}
		UUID id = this.randomness.uuid();
		UUID documentId = this.randomness.uuid();
		UUID selfieId = this.randomness.uuid();
		SecretBox.Sealed details = this.secretBox.seal(name + "\n" + birth.get(), detailsAad(id));
		SecretBox.Sealed sealedDocument = this.secretBox.sealBytes(document.bytes(), photoAad(id, documentId));
		SecretBox.Sealed sealedSelfie = this.secretBox.sealBytes(selfie.bytes(), photoAad(id, selfieId));
		Instant now = this.clock.instant();
		Boolean inserted = this.tx.execute(s -> {
			if (!this.applications.insert(id, accountId, country.get().code(), details, now)) {
				return false;
			}
			this.applications.insertDocument(documentId, id, "ID_DOCUMENT", document, sealedDocument);
			this.applications.insertDocument(selfieId, id, "SELFIE", selfie, sealedSelfie);
			this.events.publishEvent(new KycEvents.KycSubmitted(accountId, id, country.get().code(), context));
			return true;
		});
		if (!Boolean.TRUE.equals(inserted)) {
			return new Result.Refused(KycRejection.ALREADY_SUBMITTED);
		}
		return new Result.Submitted(this.applications.find(id).orElseThrow());
	}

	private Optional<LocalDate> birthDate(String text) {
		if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
			return Optional.empty();
		}
		try {
			LocalDate date = LocalDate.parse(text);
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
			int age = Period.between(date, today).getYears();
			return age >= this.properties.minimumAge() && age <= 120 ? Optional.of(date) : Optional.empty();
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	static String detailsAad(UUID applicationId) {
		return "kyc-details:" + applicationId;
	}

	static String photoAad(UUID applicationId, UUID documentId) {
		return "kyc-photo:" + applicationId + ":" + documentId;
	}
}
