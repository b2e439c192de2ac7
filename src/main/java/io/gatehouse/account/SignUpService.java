package io.gatehouse.account;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.AccountEvents.AccountCreated;
import io.gatehouse.account.AccountEvents.SignUpAttemptedForExistingAccount;
import io.gatehouse.account.AccountEvents.VerificationCodeIssued;
import io.gatehouse.account.AccountEvents.VerificationFailed;
import io.gatehouse.account.Registrations.Registration;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.geo.Region;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionEvents.RegionRestricted;
import io.gatehouse.geo.RegionRejection;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.PasswordPolicy;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up: identifier + password + country → a 6-digit code to the identifier → verified account.
 * Enumeration-safe: an identifier that already has an account gets the same answer, and its owner a
 * notice instead of a code. The password is hashed on both paths so timing tells nothing either.
 */
@Service
public class SignUpService {

	private final RateLimits rateLimits;

	static final String CODE_PURPOSE = "registration";

	private static final int CODE_DIGITS = 6;

	private final Accounts accounts;

	private final RegionService regions;

	private final Registrations registrations;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final AccountProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	SignUpService(Accounts accounts, Registrations registrations, PasswordPolicy policy, PasswordHasher hasher,
			KeyedHash keyedHash, Randomness randomness, Clock clock, AccountProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx, RateLimits rateLimits, RegionService regions) {
		this.regions = regions;
		this.rateLimits = rateLimits;
		this.accounts = accounts;
		this.registrations = registrations;
		this.policy = policy;
		this.hasher = hasher;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
	}

	public SignUpResult signUp(String rawIdentifier, String password, String rawCountry, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.SIGN_UP, context.ip());
		if (limited.isPresent()) {
			return new SignUpResult.Refused(AbuseRejection.RATE_LIMITED, limited.get());
		}
		Optional<Identifier> parsed = Identifier.parse(rawIdentifier);
		if (parsed.isEmpty()) {
			return new SignUpResult.Refused(AccountRejection.INVALID_IDENTIFIER);
		}
		Optional<Country> country = Country.parse(rawCountry);
		if (country.isEmpty()) {
			return new SignUpResult.Refused(AccountRejection.INVALID_COUNTRY);
		}
		Optional<Rejection> regionRefusal = regionRefuses(country.get(), context);
		if (regionRefusal.isPresent()) {
			return new SignUpResult.Refused(regionRefusal.get(), null);
		}
		Identifier identifier = parsed.get();
		var refusal = this.policy.check(password, List.of(identifier.value()));
		if (refusal.isPresent()) {
			return new SignUpResult.Refused(refusal.get());
		}
		String passwordHash = this.hasher.hash(password);
		Instant now = this.clock.instant();
		UUID id = this.randomness.uuid();
		Instant codeExpiresAt = now.plus(this.properties.codeValidity());
		return this.tx.execute(status -> {
			Optional<Account> existing = this.accounts.findByIdentifier(identifier);
			String code = existing.isPresent() ? null : this.randomness.digits(CODE_DIGITS);
			this.registrations.insert(new Registration(id, identifier, passwordHash, country.get(),
					code == null ? null : this.keyedHash.hash(CODE_PURPOSE, id + ":" + code), codeExpiresAt, 0, 1, now,
					now.plus(this.properties.registrationValidity()), null));
			if (code == null) {
				this.events.publishEvent(new SignUpAttemptedForExistingAccount(existing.orElseThrow().id(), identifier,
						context));
			}
			else {
				this.events.publishEvent(new VerificationCodeIssued(id, identifier, code,
						(int) this.properties.codeValidity().toMinutes(), context));
			}
			return new SignUpResult.Started(id, identifier.kind(), identifier.masked(), codeExpiresAt);
		});
	}

	/** Verifies the code and creates the account. Every failure gives the same answer. */
	public VerifyResult verify(UUID registrationId, String code, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<Registration> found = this.registrations.find(registrationId);
		String presented = code.strip();
		boolean wellFormed = presented.length() == CODE_DIGITS && presented.chars().allMatch(c -> c >= '0' && c <= '9');
		if (found.isEmpty()) {
			return failed(registrationId, context);
		}
		Registration registration = found.get();
		if (registration.isDecoy() || registration.verifiedAt() != null || !now.isBefore(registration.expiresAt())
				|| !now.isBefore(registration.codeExpiresAt())
				|| registration.wrongAttempts() >= this.properties.codeMaxWrongAttempts()) {
			return failed(registrationId, context);
		}
		byte[] presentedHash = this.keyedHash.hash(CODE_PURPOSE, registrationId + ":" + presented);
		if (!wellFormed || !MessageDigest.isEqual(presentedHash, registration.codeHash())) {
			this.tx.executeWithoutResult(s -> {
				this.registrations.countWrongAttempt(registrationId);
				this.events.publishEvent(new VerificationFailed(registrationId, context));
			});
			return new VerifyResult.Refused(AccountRejection.CODE_INVALID);
		}
		Optional<Rejection> regionRefusal = regionRefuses(registration.country(), context);
		if (regionRefusal.isPresent()) {
			// Checked again where the account would be created: the code may be typed in from elsewhere.
			return new VerifyResult.Refused(regionRefusal.get());
		}
		try {
			VerifyResult result = this.tx.execute(status -> {
				if (!this.registrations.consume(registrationId, presentedHash, now,
						this.properties.codeMaxWrongAttempts())) {
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

	/**
	 * No sign-up from a BLOCKED region, judged by the trusted client address and the declared country
	 * alike (PRODUCT.md 1.6). The answer depends on nothing about the identifier.
	 */
	private Optional<Rejection> regionRefuses(Country country, RequestContext context) {
		Region region = this.regions.decide(context.ip(), country.code());
		if (region.permits(RegionAccess.Capability.SIGN_UP)) {
			return Optional.empty();
		}
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new RegionRestricted(null, "sign_up", region, context)));
		return Optional.of(RegionRejection.SIGN_UP_NOT_AVAILABLE);
	}

	/**
	 * Sends a fresh code, replacing the old one; counters are kept. Always answers the same, and a decoy
	 * does the same work as a real registration: its owner is told again, within the same send limit.
	 */
	public Optional<Duration> resend(UUID registrationId, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip());
		if (limited.isPresent()) {
			return limited;
		}
		Instant now = this.clock.instant();
		Optional<Registration> found = this.registrations.find(registrationId);
		if (found.isEmpty()) {
			return Optional.empty();
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
			return Optional.empty();
		}
		String code = this.randomness.digits(CODE_DIGITS);
		this.tx.executeWithoutResult(status -> {
			if (this.registrations.replaceCode(registrationId,
					this.keyedHash.hash(CODE_PURPOSE, registrationId + ":" + code),
					now.plus(this.properties.codeValidity()), now, this.properties.codeMaxSends())) {
				this.events.publishEvent(new VerificationCodeIssued(registrationId, registration.identifier(), code,
						(int) this.properties.codeValidity().toMinutes(), context));
			}
		});
		return Optional.empty();
	}

	/** The masked destination of a pending sign-up, for the "enter the code we sent to …" page. */
	public Optional<String> maskedDestination(UUID registrationId) {
		return this.registrations.find(registrationId).map(r -> r.identifier().masked());
	}

	/** Pending sign-ups that were never verified are deleted a week after they expired. */
	@Scheduled(fixedDelayString = "${gatehouse.account.cleanup-interval:PT1H}")
	void deleteDeadRegistrations() {
		this.registrations.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(7)));
	}

	private VerifyResult failed(UUID registrationId, RequestContext context) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new VerificationFailed(registrationId, context)));
		return new VerifyResult.Refused(AccountRejection.CODE_INVALID);
	}

	public sealed interface SignUpResult {

		record Started(UUID registrationId, Identifier.Kind channel, String maskedDestination,
				Instant codeExpiresAt) implements SignUpResult {
		}

		/** @param retryAfter when the network may try again, for a rate limit */
		record Refused(Rejection rejection, java.time.@org.jspecify.annotations.Nullable Duration retryAfter)
				implements SignUpResult {

			public Refused(Rejection rejection) {
				this(rejection, null);
			}
		}
	}

	public sealed interface VerifyResult {

		record Verified(UUID accountId) implements VerifyResult {
		}

		record Refused(Rejection rejection) implements VerifyResult {
		}
	}
}
