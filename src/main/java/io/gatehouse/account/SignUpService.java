package io.gatehouse.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.PasswordPolicy;

import org.springframework.stereotype.Service;

/**
 * Sign-up: identifier + password + country → a 6-digit code to the identifier → verified account.
 * Enumeration-safe: an identifier that already has an account gets the same answer, and its owner a
 * notice instead of a code ({@link SignUpCodeSender}). The password is hashed on both paths so timing
 * tells nothing either. The code comes back to {@link SignUpVerification}.
 */
@Service
public class SignUpService {

	private final RequestGate gate;

	private final RateLimits rateLimits;

	private final SignUpRegions regions;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final SignUpCodeSender sender;

	private final SignUpVerification verification;

	SignUpService(RequestGate gate, RateLimits rateLimits, SignUpRegions regions, PasswordPolicy policy,
			PasswordHasher hasher, SignUpCodeSender sender, SignUpVerification verification) {
		this.gate = gate;
		this.rateLimits = rateLimits;
		this.regions = regions;
		this.policy = policy;
		this.hasher = hasher;
		this.sender = sender;
		this.verification = verification;
	}

	/**
	 * @param captcha the CAPTCHA solved for {@code sign_up}: needed past half the network's budget, or while
	 *        the credential-stuffing detector is on ({@link RequestGate})
	 */
	public SignUpResult signUp(String rawIdentifier, String password, String rawCountry, @Nullable String captcha,
			RequestContext context) {
		switch (this.gate.admit(CaptchaAction.SIGN_UP, LimitedAction.SIGN_UP, context.ip(), captcha)) {
			case RequestGate.Answer.Wait wait -> {
				return new SignUpResult.Refused(AbuseRejection.RATE_LIMITED, wait.retryAfter());
			}
			case RequestGate.Answer.Captcha needed -> {
				return new SignUpResult.Refused(needed.rejection());
			}
			case RequestGate.Answer.Pass pass -> {
			}
		}
		Optional<Identifier> parsed = Identifier.parse(rawIdentifier);
		if (parsed.isEmpty()) {
			return new SignUpResult.Refused(AccountRejection.INVALID_IDENTIFIER);
		}
		Optional<Country> country = Country.parse(rawCountry);
		if (country.isEmpty()) {
			return new SignUpResult.Refused(AccountRejection.INVALID_COUNTRY);
		}
		Optional<Rejection> regionRefusal = this.regions.refusal(country.get(), context);
		if (regionRefusal.isPresent()) {
			return new SignUpResult.Refused(regionRefusal.get());
		}
		Identifier identifier = parsed.get();
		var weak = this.policy.check(password, List.of(identifier.value()));
		if (weak.isPresent()) {
			return new SignUpResult.Refused(weak.get());
		}
		return this.sender.open(identifier, this.hasher.hash(password), country.get(), context);
	}

	/** Verifies the code and creates the account. Every failure gives the same answer. */
	public VerifyResult verify(UUID registrationId, String code, RequestContext context) {
		return this.verification.verify(registrationId, code, context);
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
		this.sender.resend(registrationId, context);
		return Optional.empty();
	}

	/** The masked destination of a pending sign-up, for the "enter the code we sent to …" page. */
	public Optional<String> maskedDestination(UUID registrationId) {
		return this.sender.maskedDestination(registrationId);
	}

	public sealed interface SignUpResult {

		record Started(UUID registrationId, Identifier.Kind channel, String maskedDestination,
				Instant codeExpiresAt) implements SignUpResult {
		}

		/** @param retryAfter when the network may try again, for a rate limit */
		record Refused(Rejection rejection, @Nullable Duration retryAfter) implements SignUpResult {

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
