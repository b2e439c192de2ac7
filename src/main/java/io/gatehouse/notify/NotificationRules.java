package io.gatehouse.notify;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.gatehouse.account.Account;
import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.AccountEvents.SignUpAttemptedForExistingAccount;
import io.gatehouse.account.AccountEvents.VerificationCodeIssued;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.factor.FactorEvents;
import io.gatehouse.factor.FactorEvents.BackupCodeUsed;
import io.gatehouse.factor.FactorEvents.BackupCodesGenerated;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;
import io.gatehouse.factor.FactorEvents.FactorRemoved;
import io.gatehouse.factor.FactorEvents.PasskeyCounterRegressed;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.TradingPasswords;
import io.gatehouse.session.DeviceNames;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.signin.SignInEvents.SignInSucceeded;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which events produce which messages. Each listener runs in the publishing transaction, so a message
 * is queued if and only if the change it reports commits. Security notices go to every channel the
 * account has.
 */
@Component
class NotificationRules {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Notifications notifications;

	private final Accounts accounts;

	private final Clock clock;

	private final DeviceNames deviceNames;

	NotificationRules(Notifications notifications, Accounts accounts, Clock clock, DeviceNames deviceNames) {
		this.notifications = notifications;
		this.accounts = accounts;
		this.clock = clock;
		this.deviceNames = deviceNames;
	}

	@EventListener
	void on(VerificationCodeIssued event) {
		Identifier to = event.destination();
		Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
		variables.put("code", event.code());
		variables.put("validMinutes", event.validMinutes());
		this.notifications.send(null, channel(to), to.value(), "verification-code", "Your Gatehouse verification code",
				variables, null, false);
	}

	@EventListener
	void on(SignUpAttemptedForExistingAccount event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Identifier to = event.identifier();
			this.notifications.send(account.id(), channel(to), to.value(), "sign-up-existing",
					"Someone tried to sign up with your address", where(event.context()), account.antiPhishingCode(),
					true);
		});
	}

	@EventListener
	void on(PasswordChanged event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "password-changed", "Your Gatehouse password was changed",
					where(event.context())));
	}

	/** The reset link or code, to the one address the person typed (it is the account's own). */
	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.PasswordResetRequested event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("validMinutes", event.validMinutes());
			Identifier to = event.destination();
			if (event.link() != null) {
				variables.put("link", event.link());
				this.notifications.send(account.id(), channel(to), to.value(), "password-reset-link",
						"Reset your Gatehouse password", variables, account.antiPhishingCode(), false);
			}
			else {
				variables.put("code", java.util.Objects.requireNonNull(event.code()));
				this.notifications.send(account.id(), channel(to), to.value(), "password-reset-code",
						"Your Gatehouse password reset code", variables, account.antiPhishingCode(), false);
			}
		});
	}

	/** RP-06: a reset is told on every channel, with the anti-phishing code. */
	@EventListener
	void on(io.gatehouse.account.AccountEvents.PasswordReset event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("channel", "sms_code".equals(event.channel()) ? "code sent by text message"
					: "link sent by email");
			toAllChannels(account, "password-reset", "Your Gatehouse password was reset", variables);
		});
	}

	@EventListener
	void on(FactorEnrolled event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "factor-enrolled",
					factorName(event.kind()) + " was added to your account", withFactor(event.context(), event.kind())));
	}

	@EventListener
	void on(FactorEvents.SmsCodeIssued event) {
		this.notifications.send(event.accountId(), Channel.SMS, event.destination().value(), "sms-code",
				"Your Gatehouse code", Map.of("code", event.code(), "purpose", event.why(), "validMinutes",
						event.validMinutes()), null, false);
	}

	@EventListener
	void on(PasskeyCounterRegressed event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "passkey-counter-regressed",
					"A passkey was refused as possibly copied", where(event.context())));
	}

	/**
	 * LG-15: a second-factor failure means whoever tried knew the password. Told once per streak of
	 * failures, so a burst of wrong codes is one message, not many.
	 */
	@EventListener
	void on(SecondFactorFailed event) {
		if (event.consecutiveFailures() == 1) {
			this.accounts.find(event.accountId())
				.ifPresent(account -> toAllChannels(account, "second-factor-failed",
						"Your password was used, but the second step failed", where(event.context())));
		}
	}

	@EventListener
	void on(TradingPasswords.TradingPasswordSet event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "trading-password-set", "Your trading password was set",
					where(event.context())));
	}

	@EventListener
	void on(TradingPasswords.TradingPasswordFailed event) {
		if (event.locked()) {
			this.accounts.find(event.accountId())
				.ifPresent(account -> toAllChannels(account, "trading-password-locked",
						"Your trading password was locked after wrong attempts", where(event.context())));
		}
	}

	@EventListener
	void on(FactorRemoved event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "factor-removed",
					factorName(event.kind()) + " was removed from your account", withFactor(event.context(), event.kind())));
	}

	@EventListener
	void on(BackupCodesGenerated event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "backup-codes-generated", "New backup codes for your account",
					where(event.context())));
	}

	@EventListener
	void on(BackupCodeUsed event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("remaining", event.remaining());
			toAllChannels(account, "backup-code-used", "A backup code was used to sign in", variables);
		});
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
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("location", event.location());
			variables.put("reasons", reasons(event.riskSignals()));
			boolean unusual = event.riskSignals().stream().anyMatch(s -> !s.equals("new_device"));
			toAllChannels(account, "new-device-sign-in",
					unusual ? "Unusual sign-in to your Gatehouse account" : "New sign-in to your Gatehouse account",
					variables);
		});
	}

	/** The code that confirms a risky sign-in, to the one address the flow chose, with the same facts. */
	@EventListener
	void on(io.gatehouse.signin.SignInEvents.SignInConfirmationRequested event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			variables.put("location", event.location());
			variables.put("reasons", reasons(event.riskSignals()));
			Identifier to = event.destination();
			this.notifications.send(account.id(), channel(to), to.value(), "sign-in-confirmation",
					"Confirm your sign-in to Gatehouse", variables, account.antiPhishingCode(), true);
		});
	}

	/** The signals in words, for people. */
	static String reasons(java.util.List<String> signals) {
		if (signals.isEmpty()) {
			return "a sign-in";
		}
		return String.join("; ", signals.stream().map(s -> switch (s) {
			case "new_device" -> "a device that has not signed in before";
			case "new_country" -> "a country you have not signed in from lately";
			case "new_asn" -> "a network you have not signed in from lately";
			case "impossible_travel" -> "too far from your last sign-in for the time between them";
			case "recent_failures" -> "several wrong passwords just before";
			case "long_inactivity" -> "the first sign-in in a long time";
			case "anonymizer_network" -> "an anonymising network (Tor, VPN or hosting)";
			default -> s;
		}).toList());
	}

	/** LG-08: the owner hears of the lock, with the way out, on every channel. */
	@EventListener
	void on(io.gatehouse.abuse.AbuseEvents.AccountLocked event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("failures", event.failures());
			variables.put("until", event.until().equals(java.time.Instant.MAX) ? "you unlock it"
					: WHEN.format(event.until()));
			toAllChannels(account, "account-locked", "Your Gatehouse account was locked after failed sign-ins",
					variables);
		});
	}

	@EventListener
	void on(io.gatehouse.signin.AccountUnlock.UnlockCodeIssued event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			Identifier to = event.destination();
			this.notifications.send(account.id(), channel(to), to.value(), "unlock-code",
					"Your code to unlock your Gatehouse account", variables, account.antiPhishingCode(), true);
		});
	}

	@EventListener
	void on(io.gatehouse.signin.AccountUnlock.AccountUnlocked event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "account-unlocked", "Your Gatehouse account was unlocked",
					where(event.context())));
	}

	/** LG-04: a sign-in that follows several failures is worth a word to the owner. */
	@EventListener
	void on(io.gatehouse.signin.SignInEvents.SignInAfterFailures event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("failures", event.failures());
			toAllChannels(account, "sign-in-after-failures", "Sign-in to your account after failed attempts",
					variables);
		});
	}

	/** The freeze is told everywhere, with the way back; no freeze link, the account is frozen already. */
	@EventListener
	void on(io.gatehouse.account.AccountEvents.AccountFrozen event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(event.context() == null
					? Map.of("when", WHEN.format(this.clock.instant()), "ip", "-", "device", "-") : where(event.context()));
			variables.put("byStaff", event.actor() != null);
			toAllChannels(account, "account-frozen", "Your Gatehouse account is frozen", variables, false);
		});
	}

	@EventListener
	void on(io.gatehouse.account.AccountEvents.AccountUnfrozen event) {
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, "account-unfrozen", "Your Gatehouse account is unfrozen",
					Map.of("when", WHEN.format(this.clock.instant()))));
	}

	/** RC-03: every channel, at once, with the cancel link. */
	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCaseStarted event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("what", recoveryWhat(event.kind()));
			variables.put("cancelLink", event.cancelLink());
			toAllChannels(account, "recovery-started", "Account recovery started: was it you?", variables, false);
		});
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCodeIssued event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Identifier to = event.destination();
			this.notifications.send(account.id(), channel(to), to.value(), "recovery-code",
					"Your Gatehouse recovery code", Map.of("code", event.code(), "validMinutes", event.validMinutes()),
					account.antiPhishingCode(), false);
		});
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCaseApproved event) {
		this.accounts.find(event.accountId()).ifPresent(account -> toAllChannels(account, "recovery-approved",
				"Your account recovery was approved", Map.of("when", WHEN.format(this.clock.instant()), "lostFactor",
						event.kind().equals("lost_factor"), "completesAt", WHEN.format(event.completesAt())),
				false));
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCaseRejected event) {
		this.accounts.find(event.accountId()).ifPresent(account -> toAllChannels(account, "recovery-rejected",
				"Your account recovery was not approved", Map.of("when", WHEN.format(this.clock.instant())), false));
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCaseCompleted event) {
		this.accounts.find(event.accountId()).ifPresent(account -> toAllChannels(account, "recovery-completed",
				"Your account recovery is complete", Map.of("when", WHEN.format(this.clock.instant()), "lostFactor",
						event.kind().equals("lost_factor")), true));
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.RecoveryCaseCancelled event) {
		if (event.cancelReason().equals("replaced")) {
			return;
		}
		this.accounts.find(event.accountId()).ifPresent(account -> toAllChannels(account, "recovery-cancelled",
				"Your account recovery was cancelled", Map.of("when", WHEN.format(this.clock.instant()), "why",
						switch (event.cancelReason()) {
							case "cancelled_by_link", "cancelled_by_owner" -> "cancelled by you";
							case "too_many_wrong_codes" -> "too many wrong codes";
							case "expired" -> "the proofs were not finished in time";
							default -> event.cancelReason();
						}), false));
	}

	/** The owner hears when staff lock or unlock their sign-in (other staff actions have their own notices). */
	@EventListener
	void on(io.gatehouse.staff.StaffEvents.StaffActedOnAccount event) {
		String template = switch (event.action()) {
			case "locked_account" -> "account-locked-by-staff";
			case "unlocked_account" -> "account-unlocked-by-staff";
			default -> null;
		};
		if (template == null) {
			return;
		}
		this.accounts.find(event.accountId())
			.ifPresent(account -> toAllChannels(account, template,
					template.contains("unlocked") ? "Sign-in to your Gatehouse account was unlocked"
							: "Sign-in to your Gatehouse account was locked by support",
					Map.of("when", WHEN.format(this.clock.instant()))));
	}

	/** The code that proves the new address, to the new address only. */
	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.ContactChangeCodeIssued event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			variables.put("what", event.destination().kind().words());
			Identifier to = event.destination();
			this.notifications.send(account.id(), channel(to), to.value(), "contact-change-code",
					"Your code to change your Gatehouse " + to.kind().words(), variables,
					account.antiPhishingCode(), false);
		});
	}

	/** The owner of an address someone tried to move another account onto. */
	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.ContactClaimAttempted event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("what", event.address().kind().words());
			Identifier to = event.address();
			this.notifications.send(account.id(), channel(to), to.value(), "contact-claim-attempted",
					"Someone tried to use your address for another account", variables, account.antiPhishingCode(),
					true);
		});
	}

	/** SU-05: the addresses the account had before the change hear of it, with the revert link. */
	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.ContactChangeConfirmed event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			variables.put("what", event.kind().words());
			variables.put("from", event.from() == null ? "(none)" : event.from().masked());
			variables.put("to", event.to().masked());
			variables.put("revertLink", event.revertLink());
			variables.put("revertUntil", WHEN.format(event.revertUntil()));
			for (Identifier to : event.tellAt()) {
				this.notifications.send(account.id(), channel(to), to.value(), "contact-changed",
						"Your Gatehouse " + event.kind().words() + " was changed", variables,
						account.antiPhishingCode(), true);
			}
		});
	}

	@EventListener
	void on(io.gatehouse.recovery.RecoveryEvents.ContactChangeReverted event) {
		this.accounts.find(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new java.util.HashMap<>(where(event.context()));
			String what = event.kind().words();
			variables.put("what", what);
			variables.put("outcome", event.restored() == null ? "The " + what + " that was added has been removed."
					: event.restored().masked() + " is the " + what + " of your account again.");
			toAllChannels(account, "contact-change-reverted", "The change of your Gatehouse " + what + " was undone",
					variables);
		});
	}

	private static String recoveryWhat(String kind) {
		return kind.equals("unfreeze") ? "unfreeze your account" : "remove your second factor (lost-device recovery)";
	}

	private void toAllChannels(Account account, String template, String subject, Map<String, ?> variables) {
		toAllChannels(account, template, subject, variables, true);
	}

	private void toAllChannels(Account account, String template, String subject, Map<String, ?> variables,
			boolean securityNotice) {
		for (Identifier to : account.identifiers()) {
			this.notifications.send(account.id(), channel(to), to.value(), template, subject, variables,
					account.antiPhishingCode(), securityNotice);
		}
	}

	private Map<String, String> withFactor(RequestContext context, String kind) {
		Map<String, String> variables = new java.util.HashMap<>(where(context));
		variables.put("factor", factorName(kind));
		return variables;
	}

	private static String factorName(String kind) {
		return switch (kind) {
			case "passkey" -> "A passkey";
			case "totp" -> "An authenticator app";
			case "sms" -> "Sign-in by SMS code";
			default -> "A second factor";
		};
	}

	/** The raw User-Agent never reaches a message: it is attacker-chosen text. Its parsed name does. */
	private Map<String, String> where(RequestContext context) {
		return Map.of("when", WHEN.format(this.clock.instant()), "ip", context.ip().toString(), "device",
				this.deviceNames.describe(context.userAgent()));
	}

	private static Channel channel(Identifier identifier) {
		return identifier.kind() == Identifier.Kind.EMAIL ? Channel.EMAIL : Channel.SMS;
	}
}
