package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseCancelled;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCodeIssued;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The identifiers and secrets of recovery cases and what is done with them: the holder token that lets the owner follow
 * a case ({@code ghc_…}), the cancel link's token ({@code ghx_…}) and the 6-digit codes sent to the
 * account's email and phone. All are stored only as keyed hashes; a code's hash is bound to its case and
 * channel. Also the one way a case is cancelled, whoever asks.
 */
@Component
class CaseSecrets {

	static final String HOLDER_PURPOSE = "recovery-case";

	static final String CANCEL_PURPOSE = "recovery-cancel";

	static final String CODE_PURPOSE = "recovery-code";

	private static final String HOLDER_PREFIX = "ghc_";

	private static final String CANCEL_PREFIX = "ghx_";

	private final RecoveryCases cases;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final GatehouseProperties gatehouse;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CaseSecrets(RecoveryCases cases, KeyedHash keyedHash, Randomness randomness, GatehouseProperties gatehouse,
			RecoveryCaseProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.cases = cases;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.gatehouse = gatehouse;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	UUID newCaseId() {
		return this.randomness.uuid();
	}

	String newHolder() {
		return HOLDER_PREFIX + this.randomness.token(32);
	}

	String newCancelToken() {
		return CANCEL_PREFIX + this.randomness.token(32);
	}

	byte[] holderHash(String holder) {
		return this.keyedHash.hash(HOLDER_PURPOSE, holder);
	}

	byte[] cancelHash(String cancelToken) {
		return this.keyedHash.hash(CANCEL_PURPOSE, cancelToken);
	}

	String cancelLink(String cancelToken) {
		return this.gatehouse.link("/recovery/cancel?token=" + cancelToken);
	}

	/** The case a holder token names, while it is worth showing (not after cancellation). */
	Optional<RecoveryCase> byHolder(@Nullable String holder) {
		if (holder == null || !Randomness.isPrefixedToken(holder, HOLDER_PREFIX)) {
			return Optional.empty();
		}
		return this.cases.findByHolder(holderHash(holder));
	}

	/** The case a cancel link names, if the token is one. */
	Optional<RecoveryCase> byCancelToken(String token) {
		return Randomness.isPrefixedToken(token, CANCEL_PREFIX)
				? this.cases.findByCancel(cancelHash(token)).flatMap(this.cases::find) : Optional.empty();
	}

	/** New codes for the channels asked for that the account has, replacing any before them. */
	void sendCodes(UUID caseId, Account account, boolean email, boolean phone, @Nullable RequestContext context) {
		String emailCode = email && account.email() != null ? this.randomness.digits(6) : null;
		String phoneCode = phone && account.phone() != null ? this.randomness.digits(6) : null;
		this.cases.storeCodes(caseId, emailCode == null ? null : codeHash(caseId, "email", emailCode),
				phoneCode == null ? null : codeHash(caseId, "phone", phoneCode),
				this.clock.instant().plus(this.properties.codeValidity()));
		int minutes = (int) this.properties.codeValidity().toMinutes();
		if (emailCode != null) {
			this.events.publishEvent(new RecoveryCodeIssued(account.id(), caseId, Objects.requireNonNull(account.email()),
					emailCode, minutes, context));
		}
		if (phoneCode != null) {
			this.events.publishEvent(new RecoveryCodeIssued(account.id(), caseId, Objects.requireNonNull(account.phone()),
					phoneCode, minutes, context));
		}
	}

	byte[] codeHash(UUID caseId, String channel, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, caseId + ":" + channel + ":" + code);
	}

	/** Cancels the case if it is still open; the log says why. Call inside a transaction. */
	boolean cancel(RecoveryCase c, String reason, @Nullable RequestContext context) {
		if (!this.cases.cancel(c.id(), reason, this.clock.instant())) {
			return false;
		}
		this.events.publishEvent(new RecoveryCaseCancelled(c.accountId(), c.id(), c.kind().wireName(), reason, context));
		return true;
	}

	/** What a sealed document is bound to: its case and its own id. */
	static String documentAad(UUID caseId, UUID documentId) {
		return "recovery-document:" + caseId + ":" + documentId;
	}
}
