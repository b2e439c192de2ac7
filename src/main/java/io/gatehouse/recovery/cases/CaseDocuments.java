package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.kyc.IdentityDocuments;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryDocumentAdded;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryDocumentRefused;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's ID document and selfie for a KYC'd account's case: checked and rebuilt
 * ({@link IdentityDocuments}), then stored sealed under the installation key, bound to its case.
 */
@Service
public class CaseDocuments {

	private final RecoveryCases cases;

	private final CaseProofs proofs;

	private final SecretBox secretBox;

	private final Randomness randomness;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseDocuments(RecoveryCases cases, CaseProofs proofs, SecretBox secretBox, Randomness randomness,
			RecoveryCaseProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.cases = cases;
		this.proofs = proofs;
		this.secretBox = secretBox;
		this.randomness = randomness;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** An ID document ({@code kind = "id_document"}) or a selfie ({@code "selfie"}). */
	public CaseResult upload(@Nullable String holder, String kind, byte[] bytes, @Nullable String declaredType,
			RequestContext context) {
		Optional<RecoveryCase> found = this.proofs.collecting(holder);
		if (found.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		String column = switch (kind) {
			case "id_document" -> "ID_DOCUMENT";
			case "selfie" -> "SELFIE";
			default -> "";
		};
		if (column.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.DOCUMENT_KIND);
		}
		if (!c.documentsRequired()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
		}
		return switch (IdentityDocuments.check(bytes, declaredType, this.properties.maxDocumentSize().toBytes())) {
			case IdentityDocuments.Result.Refused r -> {
				this.tx.executeWithoutResult(s -> this.events.publishEvent(
						new RecoveryDocumentRefused(c.accountId(), c.id(), kind, r.rejection().code(), context)));
				yield new CaseResult.Refused(r.rejection());
			}
			case IdentityDocuments.Result.Accepted a -> {
				UUID documentId = this.randomness.uuid();
				SecretBox.Sealed sealed = this.secretBox.sealBytes(a.document().bytes(),
						CaseSecrets.documentAad(c.id(), documentId));
				this.tx.executeWithoutResult(s -> {
					this.cases.putDocument(new RecoveryCases.Document(documentId, c.id(), column,
							a.document().type().mediaType, a.document().bytes().length, a.document().width(),
							a.document().height(), this.clock.instant()), sealed);
					this.events.publishEvent(new RecoveryDocumentAdded(c.accountId(), c.id(), kind, context));
				});
				yield new CaseResult.Updated(this.cases.find(c.id()).orElseThrow());
			}
		};
	}
}
