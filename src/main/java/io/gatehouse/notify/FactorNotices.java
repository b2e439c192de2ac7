package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;

import io.gatehouse.factor.FactorEvents.BackupCodeUsed;
import io.gatehouse.factor.FactorEvents.BackupCodesGenerated;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;
import io.gatehouse.factor.FactorEvents.FactorRemoved;
import io.gatehouse.factor.FactorEvents.PasskeyCounterRegressed;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.FactorEvents;
import io.gatehouse.factor.TradingPasswordService;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about second factors and the trading password: added, removed, used, failing. Each listener runs
 * in the publishing transaction, so a message is queued if and only if the change it reports commits.
 */
@Component
class FactorNotices {

	private final Notices notices;

	FactorNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(FactorEnrolled event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "factor-enrolled",
					Notices.factorName(event.kind()) + " was added to your account",
							this.notices.withFactor(event.context(), event.kind())));
	}

	@EventListener
	void on(FactorEvents.SmsCodeIssued event) {
		this.notices.send(event.accountId(), Channel.SMS, event.destination().value(), "sms-code",
				"Your Gatehouse code", Map.of("code", event.code(), "purpose", event.why(), "validMinutes",
						event.validMinutes()), null, false);
	}

	@EventListener
	void on(PasskeyCounterRegressed event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "passkey-counter-regressed",
					"A passkey was refused as possibly copied", this.notices.where(event.context())));
	}

	/**
	 * LG-15: a second-factor failure means whoever tried knew the password. Told once per streak of
	 * failures, so a burst of wrong codes is one message, not many.
	 */
	@EventListener
	void on(SecondFactorFailed event) {
		if (event.consecutiveFailures() == 1) {
			this.notices.account(event.accountId())
				.ifPresent(account -> this.notices.toAllChannels(account, "second-factor-failed",
						"Your password was used, but the second step failed", this.notices.where(event.context())));
		}
	}

	@EventListener
	void on(TradingPasswordService.TradingPasswordSet event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "trading-password-set",
			"Your trading password was set",
					this.notices.where(event.context())));
	}

	@EventListener
	void on(TradingPasswordService.TradingPasswordFailed event) {
		if (event.locked()) {
			this.notices.account(event.accountId())
				.ifPresent(account -> this.notices.toAllChannels(account, "trading-password-locked",
						"Your trading password was locked after wrong attempts", this.notices.where(event.context())));
		}
	}

	@EventListener
	void on(FactorRemoved event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "factor-removed",
					Notices.factorName(event.kind()) + " was removed from your account",
							this.notices.withFactor(event.context(), event.kind())));
	}

	@EventListener
	void on(BackupCodesGenerated event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, "backup-codes-generated",
			"New backup codes for your account",
					this.notices.where(event.context())));
	}

	@EventListener
	void on(BackupCodeUsed event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("remaining", event.remaining());
			this.notices.toAllChannels(account, "backup-code-used", "A backup code was used to sign in", variables);
		});
	}
}
