package io.gatehouse.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.gatehouse.abuse.AbuseEvents;
import io.gatehouse.account.Identifier;
import io.gatehouse.signin.SignInEvents.SignInSucceeded;
import io.gatehouse.signin.SignInEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about sign-ins: alerts, confirmations, locks and unlocks, successes after failures. Each
 * listener runs in the publishing transaction, so a message is queued if and only if the change it reports
 * commits.
 */
@Component
class SignInNotices {

	private final Notices notices;

	SignInNotices(Notices notices) {
		this.notices = notices;
	}

	/**
	 * The risk decision asked for an alert (by default: every new device, and every unusual sign-in): when,
	 * from where (address and approximate location), which device, and why it stood out.
	 */
	@EventListener
	void on(SignInSucceeded event) {
		if (!event.alert()) {
			return;
		}
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("location", event.location());
			variables.put("reasons", Notices.reasons(event.riskSignals()));
			boolean unusual = event.riskSignals().stream().anyMatch(s -> !s.equals("new_device"));
			this.notices.toAllChannels(account, "new-device-sign-in",
					unusual ? "Unusual sign-in to your Gatehouse account" : "New sign-in to your Gatehouse account",
					variables);
		});
	}

	/** The code that confirms a risky sign-in, to the one address the flow chose, with the same facts. */
	@EventListener
	void on(SignInEvents.SignInConfirmationRequested event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			variables.put("location", event.location());
			variables.put("reasons", Notices.reasons(event.riskSignals()));
			Identifier to = event.destination();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "sign-in-confirmation",
					"Confirm your sign-in to Gatehouse", variables, account.antiPhishingCode(), true);
		});
	}

	/** LG-08: the owner hears of the lock, with the way out, on every channel. */
	@EventListener
	void on(AbuseEvents.AccountLocked event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("failures", event.failures());
			variables.put("until", event.until().equals(Instant.MAX) ? "you unlock it"
					: Notices.WHEN.format(event.until()));
			this.notices.toAllChannels(account, "account-locked",
					"Your Gatehouse account was locked after failed sign-ins",
					variables);
		});
	}

	@EventListener
	void on(SignInEvents.UnlockCodeIssued event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			Identifier to = event.destination();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "unlock-code",
					"Your code to unlock your Gatehouse account", variables, account.antiPhishingCode(), true);
		});
	}

	@EventListener
	void on(SignInEvents.AccountUnlocked event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "account-unlocked",
			"Your Gatehouse account was unlocked",
					this.notices.where(event.context())));
	}

	/** LG-04: a sign-in that follows several failures is worth a word to the owner. */
	@EventListener
	void on(SignInEvents.SignInAfterFailures event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("failures", event.failures());
			this.notices.toAllChannels(account, "sign-in-after-failures",
					"Sign-in to your account after failed attempts",
					variables);
		});
	}
}
