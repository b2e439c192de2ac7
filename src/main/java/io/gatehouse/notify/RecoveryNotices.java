package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.contact.ContactEvents;
import io.gatehouse.recovery.cases.CaseEvents;
import io.gatehouse.recovery.reset.ResetEvents;
import io.gatehouse.staff.StaffEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about recovery: reset links and codes, recovery cases, contact changes, staff actions. Each
 * listener runs in the publishing transaction, so a message is queued if and only if the change it reports
 * commits.
 */
@Component
class RecoveryNotices {

	private final Notices notices;

	RecoveryNotices(Notices notices) {
		this.notices = notices;
	}

	/** The reset link or code, to the one address the person typed (it is the account's own). */
	@EventListener
	void on(ResetEvents.PasswordResetRequested event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("validMinutes", event.validMinutes());
			Identifier to = event.destination();
			if (event.link() != null) {
				variables.put("link", event.link());
				this.notices.send(account.id(), Notices.channel(to), to.value(), "password-reset-link",
						"Reset your Gatehouse password", variables, account.antiPhishingCode(), false);
			}
			else {
				variables.put("code", Objects.requireNonNull(event.code()));
				this.notices.send(account.id(), Notices.channel(to), to.value(), "password-reset-code",
						"Your Gatehouse password reset code", variables, account.antiPhishingCode(), false);
			}
		});
	}

	/** RC-03: every channel, at once, with the cancel link. */
	@EventListener
	void on(CaseEvents.RecoveryCaseStarted event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("what", Notices.recoveryWhat(event.kind()));
			variables.put("cancelLink", event.cancelLink());
			this.notices.toAllChannels(account, "recovery-started", "Account recovery started: was it you?",
					variables, false);
		});
	}

	@EventListener
	void on(CaseEvents.RecoveryCodeIssued event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Identifier to = event.destination();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "recovery-code",
					"Your Gatehouse recovery code", Map.of("code", event.code(), "validMinutes", event.validMinutes()),
					account.antiPhishingCode(), false);
		});
	}

	@EventListener
	void on(CaseEvents.RecoveryCaseApproved event) {
		this.notices.account(event.accountId()).ifPresent(account -> this.notices.toAllChannels(account,
				"recovery-approved",
				"Your account recovery was approved", Map.of("when", Notices.WHEN.format(this.notices.now()),
						"lostFactor",
						event.kind().equals("lost_factor"), "completesAt", Notices.WHEN.format(event.completesAt())),
				false));
	}

	@EventListener
	void on(CaseEvents.RecoveryCaseRejected event) {
		this.notices.account(event.accountId()).ifPresent(account -> this.notices.toAllChannels(account,
				"recovery-rejected",
				"Your account recovery was not approved", Map.of("when", Notices.WHEN.format(this.notices.now())),
						false));
	}

	@EventListener
	void on(CaseEvents.RecoveryCaseCompleted event) {
		this.notices.account(event.accountId()).ifPresent(account -> this.notices.toAllChannels(account,
				"recovery-completed",
				"Your account recovery is complete", Map.of("when", Notices.WHEN.format(this.notices.now()),
						"lostFactor",
						event.kind().equals("lost_factor")), true));
	}

	@EventListener
	void on(CaseEvents.RecoveryCaseCancelled event) {
		if (event.cancelReason().equals("replaced")) {
			return;
		}
		this.notices.account(event.accountId()).ifPresent(account -> this.notices.toAllChannels(account,
				"recovery-cancelled",
				"Your account recovery was cancelled", Map.of("when", Notices.WHEN.format(this.notices.now()), "why",
						switch (event.cancelReason()) {
							case "cancelled_by_link", "cancelled_by_owner" -> "cancelled by you";
							case "too_many_wrong_codes" -> "too many wrong codes";
							case "expired" -> "the proofs were not finished in time";
							default -> event.cancelReason();
						}), false));
	}

	/** The owner hears when staff lock or unlock their sign-in (other staff actions have their own notices). */
	@EventListener
	void on(StaffEvents.StaffActedOnAccount event) {
		String template = switch (event.action()) {
			case "locked_account" -> "account-locked-by-staff";
			case "unlocked_account" -> "account-unlocked-by-staff";
			default -> null;
		};
		if (template == null) {
			return;
		}
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.toAllChannels(account, template,
					template.contains("unlocked") ? "Sign-in to your Gatehouse account was unlocked"
							: "Sign-in to your Gatehouse account was locked by support",
					Map.of("when", Notices.WHEN.format(this.notices.now()))));
	}

	/** The code that proves the new address, to the new address only. */
	@EventListener
	void on(ContactEvents.ContactChangeCodeIssued event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("code", event.code());
			variables.put("validMinutes", event.validMinutes());
			variables.put("what", event.destination().kind().words());
			Identifier to = event.destination();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "contact-change-code",
					"Your code to change your Gatehouse " + to.kind().words(), variables,
					account.antiPhishingCode(), false);
		});
	}

	/** The owner of an address someone tried to move another account onto. */
	@EventListener
	void on(ContactEvents.ContactClaimAttempted event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("what", event.address().kind().words());
			Identifier to = event.address();
			this.notices.send(account.id(), Notices.channel(to), to.value(), "contact-claim-attempted",
					"Someone tried to use your address for another account", variables, account.antiPhishingCode(),
					true);
		});
	}

	/** SU-05: the addresses the account had before the change hear of it, with the revert link. */
	@EventListener
	void on(ContactEvents.ContactChangeConfirmed event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("what", event.kind().words());
			variables.put("from", event.from() == null ? "(none)" : event.from().masked());
			variables.put("to", event.to().masked());
			variables.put("revertLink", event.revertLink());
			variables.put("revertUntil", Notices.WHEN.format(event.revertUntil()));
			for (Identifier to : event.tellAt()) {
				this.notices.send(account.id(), Notices.channel(to), to.value(), "contact-changed",
						"Your Gatehouse " + event.kind().words() + " was changed", variables,
						account.antiPhishingCode(), true);
			}
		});
	}

	@EventListener
	void on(ContactEvents.ContactChangeReverted event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			String what = event.kind().words();
			variables.put("what", what);
			variables.put("outcome", event.restored() == null ? "The " + what + " that was added has been removed."
					: event.restored().masked() + " is the " + what + " of your account again.");
			this.notices.toAllChannels(account, "contact-change-reverted",
					"The change of your Gatehouse " + what + " was undone",
					variables);
		});
	}
}
