package io.gatehouse.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.AccountEvents.AccountCreated;
import io.gatehouse.account.AccountEvents.VerificationFailed;
import io.gatehouse.account.Registrations.Registration;
import io.gatehouse.account.SignUpService.VerifyResult;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The code comes back: the account is created, once. Every failure (unknown, decoy, expired, out of tries,
 * wrong code, lost race) gives the same answer; the code is spent in the statement that checks it.
 */
@Component
class SignUpVerification {

	private final Registrations registrations;

	private final SignUpCodes codes;

	private final SignUpRegions regions;

	private final Accounts accounts;

	private final Randomness randomness;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	SignUpVerification(Registrations registrations, SignUpCodes codes, SignUpRegions regions, Accounts accounts,
			Randomness randomness, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.registrations = registrations;
		this.codes = codes;
		this.regions = regions;
		this.accounts = accounts;
		this.randomness = randomness;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	VerifyResult verify(UUID registrationId, String code, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<Registration> found = this.registrations.find(registrationId);
		if (found.isEmpty() || !this.codes.open(found.get(), now)) {
			return failed(registrationId, context);
		}
		Registration registration = found.get();
		Optional<byte[]> presentedHash = this.codes.matching(registration, code);
		if (presentedHash.isEmpty()) {
			this.tx.executeWithoutResult(s -> {
				this.registrations.countWrongAttempt(registrationId);
				this.events.publishEvent(new VerificationFailed(registrationId, context));
			});
			return new VerifyResult.Refused(AccountRejection.CODE_INVALID);
		}
		Optional<Rejection> regionRefusal = this.regions.refusal(registration.country(), context);
		if (regionRefusal.isPresent()) {
			return new VerifyResult.Refused(regionRefusal.get());
		}
		try {
			VerifyResult result = this.tx.execute(status -> {
				if (!this.registrations.consume(registrationId, presentedHash.get(), now, this.codes.maxWrongAttempts())) {
					return null;
				}
				Identifier identifier = registration.identifier();
				Account account = new Account(this.randomness.uuid(),
						identifier instanceof EmailAddress e ? e : null, identifier instanceof PhoneNumber p ? p : null,
						Account.Status.ACTIVE, registration.country(), 0, null, now, now);
				this.accounts.insert(account, registration.passwordHash());
				this.registrations.linkAccount(registrationId, account.id());
				this.events.publishEvent(new AccountCreated(account.id(), identifier, context));
				return new VerifyResult.Verified(account.id());
			});
			return result != null ? result : failed(registrationId, context);
		}
		catch (DuplicateKeyException ex) {
			// Another registration for the same identifier was verified first: its owner has the account.
			return failed(registrationId, context);
		}
	}

	private VerifyResult failed(UUID registrationId, RequestContext context) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new VerificationFailed(registrationId, context)));
		return new VerifyResult.Refused(AccountRejection.CODE_INVALID);
	}
}
