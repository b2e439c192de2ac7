package io.gatehouse.factor;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.FactorEvents.PasskeyRefused;
import io.gatehouse.factor.Passkeys.StoredPasskey;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's passkeys and security keys (WebAuthn Level 2/3): listing, renaming and removing them, and
 * what registering ({@link PasskeyRegistration}) and assertions ({@link PasskeyAssertions}) share: the
 * challenge lifetime, names, credential descriptors and the record of a refused ceremony.
 */
@Service
public class PasskeyService {

	static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	static final int MAX_PER_ACCOUNT = 10;

	static final int MAX_NAME_LENGTH = 64;

	static final long TIMEOUT_MILLIS = CHALLENGE_LIFETIME.toMillis();

	static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	static final Set<String> KNOWN_TRANSPORTS = Set.of("usb", "nfc", "ble", "internal", "hybrid", "smart-card");

	/** What a challenge is for; an answer for one purpose is never accepted for another. */
	public enum Purpose {
		REGISTER, SIGN_IN, SECOND_FACTOR, STEP_UP
	}

	private final Passkeys store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final FactorChanges changes;

	PasskeyService(Passkeys store, Clock clock, ApplicationEventPublisher events, TransactionTemplate tx,
			FactorChanges changes) {
		this.changes = changes;
		this.store = store;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	public boolean hasAny(UUID accountId) {
		return this.store.count(accountId) > 0;
	}

	public List<Passkey> list(UUID accountId) {
		return this.store.findByAccount(accountId)
			.stream()
			.map(p -> new Passkey(p.id(), p.name(), p.createdAt(), p.lastUsedAt(), p.backupEligible()))
			.toList();
	}

	public Optional<Rejection> rename(UUID accountId, UUID passkeyId, String rawName) {
		Optional<String> name = canonicalName(rawName);
		if (name.isEmpty()) {
			return Optional.of(FactorRejection.PASSKEY_NAME_INVALID);
		}
		return this.store.rename(accountId, passkeyId, name.get()) ? Optional.empty()
				: Optional.of(FactorRejection.PASSKEY_NOT_FOUND);
	}

	/**
	 * Removes one passkey (after step-up, checked by the caller): other sessions end, withdrawals cool
	 * down, every channel is told.
	 */
	public Optional<Rejection> remove(Actor.Customer session, UUID passkeyId, RequestContext context) {
		Boolean removed = this.tx.execute(s -> {
			if (!this.store.delete(session.accountId(), passkeyId)) {
				return false;
			}
			this.changes.removed(session, "passkey", context);
			return true;
		});
		return Boolean.TRUE.equals(removed) ? Optional.empty() : Optional.of(FactorRejection.PASSKEY_NOT_FOUND);
	}

	/** Deletes challenges that expired a day ago; they can never be used. */
	@Scheduled(fixedDelayString = "${gatehouse.webauthn.cleanup-interval:PT1H}")
	void deleteExpiredChallenges() {
		this.store.deleteChallengesExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	/** 1–64 characters after trimming, no control characters. */
	static Optional<String> canonicalName(@Nullable String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
		if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
				|| name.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		return Optional.of(name);
	}

	static List<Map<String, Object>> descriptors(List<StoredPasskey> passkeys) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (StoredPasskey p : passkeys) {
			Map<String, Object> d = new LinkedHashMap<>();
			d.put("type", "public-key");
			d.put("id", B64URL.encodeToString(p.credentialId()));
			if (!p.transports().isEmpty()) {
				d.put("transports", List.of(p.transports().split(",")));
			}
			out.add(d);
		}
		return out;
	}

	/** Records a refused ceremony and answers with the refusal. */
	<T> T refused(@Nullable UUID accountId, Purpose purpose, UUID challengeId, Rejection rejection,
			RequestContext context, Function<Rejection, T> result) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new PasskeyRefused(accountId,
				purpose.name().toLowerCase(Locale.ROOT), rejection.code(), "webauthn:" + challengeId, context)));
		return result.apply(rejection);
	}

	/** A passkey as its owner sees it; never the key material. */
	public record Passkey(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt, boolean synced) {
	}

	/**
	 * Options for the browser's WebAuthn call, as JSON-ready values (binary fields base64url), and the id
	 * of the challenge to send back with the answer.
	 */
	public record Options(UUID challengeId, Map<String, Object> publicKey) {
	}

	public sealed interface Registered {

		record Done(Passkey passkey) implements Registered {
		}

		record Refused(Rejection rejection) implements Registered {
		}
	}

	public sealed interface Verified {

		record Ok(UUID accountId, UUID passkeyId, boolean userVerified) implements Verified {
		}

		record Refused(Rejection rejection) implements Verified {
		}
	}
}
