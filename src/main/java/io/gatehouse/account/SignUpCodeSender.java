package io.gatehouse.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.AccountEvents.SignUpAttemptedForExistingAccount;
import io.gatehouse.account.AccountEvents.VerificationCodeIssued;
import io.gatehouse.account.Registrations.Registration;
import io.gatehouse.account.SignUpService.SignUpResult;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a pending sign-up (a {@link Registration}) and sends its code, or, when the identifier already has an
 * account, records a decoy and tells the owner instead: both answer the same. Resending replaces the code
 * within the send limit, a decoy's included.
 */
@Component
class SignUpCodeSender {

	private final Registrations registrations;

	private final Accounts accounts;

	private final SignUpCodes codes;

	private final AccountProperties properties;

	private final ApplicationEventPublisher events;

	private final Randomness randomness;

	private final TransactionTemplate tx;

	private final Clock clock;

	SignUpCodeSender(Registrations registrations, Accounts accounts, SignUpCodes codes, AccountProperties properties,
			ApplicationEventPublisher events, Randomness randomness, TransactionTemplate tx, Clock clock) {
		this.registrations = registrations;
		this.accounts = accounts;
		this.codes = codes;
		this.properties = properties;
		this.events = events;
		this.randomness = randomness;
		this.tx = tx;
		this.clock = clock;
	}

	SignUpResult.Started open(Identifier identifier, String passwordHash, Country country, RequestContext context) {
		Instant now = this.clock.instant();
		UUID id = this.randomness.uuid();
		Instant codeExpiresAt = now.plus(this.properties.codeValidity());
		return this.tx.execute(status -> {
			Optional<Account> existing = this.accounts.findByIdentifier(identifier);
			String code = existing.isPresent() ? null : this.codes.next();
			this.registrations.insert(new Registration(id, identifier, passwordHash, country,
					code == null ? null : this.codes.hash(id, code), codeExpiresAt, 0, 1, now,
					now.plus(this.properties.registrationValidity()), null));
			if (code == null) {
				this.events.publishEvent(new SignUpAttemptedForExistingAccount(existing.orElseThrow().id(), identifier,
						context));
			}
			else {
				this.events.publishEvent(new VerificationCodeIssued(id, identifier, code, validMinutes(), context));
			}
			return new SignUpResult.Started(id, identifier.kind(), identifier.masked(), codeExpiresAt);
		});
	}

	void resend(UUID registrationId, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<Registration> found = this.registrations.find(registrationId);
		if (found.isEmpty()) {
			return;
		}
		Registration registration = found.get();
		if (registration.isDecoy()) {
			this.tx.executeWithoutResult(status -> {
				if (this.registrations.countDecoySend(registrationId, now, this.properties.codeMaxSends())) {
					this.accounts.findByIdentifier(registration.identifier())
						.ifPresent(owner -> this.events.publishEvent(
								new SignUpAttemptedForExistingAccount(owner.id(), registration.identifier(), context)));
				}
			});
			return;
		}
		String code = this.codes.next();
		this.tx.executeWithoutResult(status -> {
			if (this.registrations.replaceCode(registrationId, this.codes.hash(registrationId, code),
					now.plus(this.properties.codeValidity()), now, this.properties.codeMaxSends())) {
				this.events.publishEvent(
						new VerificationCodeIssued(registrationId, registration.identifier(), code, validMinutes(), context));
			}
		});
	}

	Optional<String> maskedDestination(UUID registrationId) {
		return this.registrations.find(registrationId).map(r -> r.identifier().masked());
	}

	/** Pending sign-ups that were never verified are deleted a week after they expired. */
	@Scheduled(fixedDelayString = "${gatehouse.account.cleanup-interval:PT1H}")
	void deleteDeadRegistrations() {
		this.registrations.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(7)));
	}

	private int validMinutes() {
		return (int) this.properties.codeValidity().toMinutes();
	}
}
