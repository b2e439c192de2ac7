package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;

import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.AccountEvents.SignUpAttemptedForExistingAccount;
import io.gatehouse.account.AccountEvents.VerificationCodeIssued;
import io.gatehouse.account.AccountEvents;
import io.gatehouse.account.Identifier;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about the account itself: sign-up codes, password changes and resets, freezes. Each listener
 * runs in the publishing transaction, so a message is queued if and only if the change it reports commits.
 */
@Component
class AccountNotices {

	private final Notices notices;

	AccountNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(VerificationCodeIssued event) {
		Identifier to = event.destination();
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("code", event.code());
		variables.put("validMinutes", event.validMinutes());
		this.notices.send(null, Notices.channel(to), to.value(), "verification-code",
				"Your Gatehouse verification code",
				variables, null, false);
	}

	@EventListener
	void on(SignUpAttemptedForExistingAccount event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Identifier to = event.identifier();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "sign-up-existing",
					"Someone tried to sign up with your address", this.notices.where(event.context()),
							account.antiPhishingCode(),
					true);
		});
	}

	@EventListener
	void on(PasswordChanged event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "password-changed",
			"Your Gatehouse password was changed",
					this.notices.where(event.context())));
	}

	/** RP-06: a reset is told on every channel, with the anti-phishing code. */
	@EventListener
	void on(AccountEvents.PasswordReset event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("channel", "sms_code".equals(event.channel()) ? "code sent by text message"
					: "link sent by email");
			this.notices.toAllChannels(account, "password-reset", "Your Gatehouse password was reset", variables);
		});
	}

	/** The freeze is told everywhere, with the way back; no freeze link, the account is frozen already. */
	@EventListener
	void on(AccountEvents.AccountFrozen event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(event.context() == null
					? Map.of("when", Notices.WHEN.format(this.notices.now()), "ip", "-", "device",
							"-") : this.notices.where(event.context()));
			variables.put("byStaff", event.actor() != null);
			this.notices.toAllChannels(account, "account-frozen", "Your Gatehouse account is frozen", variables, false);
		});
	}

	@EventListener
	void on(AccountEvents.AccountUnfrozen event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "account-unfrozen",
			"Your Gatehouse account is unfrozen",
					Map.of("when", Notices.WHEN.format(this.notices.now()))));
	}
}
