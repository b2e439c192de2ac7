package io.gatehouse.account;

import java.text.Normalizer;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The anti-phishing code: a phrase the person chooses (4–20 letters, digits or spaces) that every email
 * from Gatehouse shows, so a message without it is a fake. Setting it needs step-up, which the caller
 * has checked; the code itself never goes into the security log.
 */
@Service
public class AntiPhishingCodeService {

	public static final Rejection INVALID = new Rejection() {

		@Override
		public Definition definition() {
			return Rejection.of("anti_phishing_code_invalid", Kind.INVALID,
					"Use 4 to 20 letters, digits or spaces.");
		}
	};

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final CooldownService cooldowns;

	AntiPhishingCodeService(Accounts accounts, ApplicationEventPublisher events, CooldownService cooldowns) {
		this.cooldowns = cooldowns;
		this.accounts = accounts;
		this.events = events;
	}

	/** The canonical form of a proposed code, if it is acceptable. */
	public static Optional<String> canonical(String raw) {
		String code = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
		int length = code.codePointCount(0, code.length());
		if (length < 4 || length > 20
				|| !code.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || cp == ' ')) {
			return Optional.empty();
		}
		return Optional.of(code);
	}

	@Transactional
	public void set(UUID accountId, String canonicalCode, RequestContext context) {
		this.accounts.setAntiPhishingCode(accountId, canonicalCode);
		this.events.publishEvent(new AntiPhishingCodeSet(accountId, context));
		this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "anti_phishing_code_set", context);
	}

	public record AntiPhishingCodeSet(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "anti_phishing_code_set";
		}
	}
}
