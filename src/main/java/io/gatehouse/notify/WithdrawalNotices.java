package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;

import io.gatehouse.kyc.KycEvents.KycDecided;
import io.gatehouse.withdraw.WithdrawEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about withdrawals, the address book and identity verification. The email code goes to the email
 * address only; every address-book and whitelist change and every withdrawal request goes to every channel
 * as a security notice (with the anti-phishing code and a freeze link: the request email's "this wasn't me"
 * freezes the account, which cancels every withdrawal the wallet has not picked up). Sent in the transaction
 * that made the change.
 */
@Component
class WithdrawalNotices {

	private final Notices notices;

	WithdrawalNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(WithdrawEvents.EmailCodeIssued event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			if (account.email() == null) {
				return;
			}
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("code", event.code());
			variables.put("amount", event.amount());
			variables.put("currency", event.currency());
			variables.put("address", event.address());
			variables.put("validMinutes", event.validMinutes());
			this.notices.send(account.id(), Channel.EMAIL, account.email().value(), "withdrawal-code",
					"Your code to confirm a withdrawal of " + event.amount() + " " + event.currency(), variables,
					account.antiPhishingCode(), false);
		});
	}

	@EventListener
	void on(WithdrawEvents.AddressAdded event) {
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("what", "added " + event.currency() + " address " + event.address() + " on " + event.chain()
				+ " (\"" + event.label() + "\"); it can be used from " + Notices.WHEN.format(event.usableAt()));
		addressBook(event.accountId(), variables, "A withdrawal address was added");
	}

	@EventListener
	void on(WithdrawEvents.AddressRemoved event) {
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("what", "removed " + event.currency() + " address " + event.address() + " on " + event.chain());
		addressBook(event.accountId(), variables, "A withdrawal address was removed");
	}

	@EventListener
	void on(WithdrawEvents.WhitelistOn event) {
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("what", "turned the withdrawal whitelist on: withdrawals now go only to your address book");
		addressBook(event.accountId(), variables, "Your withdrawal whitelist was turned on");
	}

	@EventListener
	void on(WithdrawEvents.WhitelistOffRequested event) {
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("what", "asked to turn the withdrawal whitelist off; it goes off at "
				+ Notices.WHEN.format(event.effectiveAt()) + " unless cancelled in Address book before then");
		addressBook(event.accountId(), variables, "Your withdrawal whitelist is being turned off");
	}

	@EventListener
	void on(WithdrawEvents.WhitelistOffCancelled event) {
		Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
		variables.put("what", "cancelled turning the withdrawal whitelist off: it stays on");
		addressBook(event.accountId(), variables, "Your withdrawal whitelist stays on");
	}

	private void addressBook(java.util.UUID accountId, Map<String, Object> variables, String subject) {
		this.notices.account(accountId)
			.ifPresent(account -> this.notices.toAllChannels(account, "withdrawal-address-book", subject, variables));
	}

	@EventListener
	void on(WithdrawEvents.WithdrawalRequested event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(event.context()));
			variables.put("amount", event.amount());
			variables.put("fee", event.fee());
			variables.put("currency", event.currency());
			variables.put("network", event.chainName());
			variables.put("address", event.memo().isEmpty() ? event.address()
					: event.address() + " (memo/tag " + event.memo() + ")");
			variables.put("review", "review".equals(event.status()) ? "It will be reviewed by our team before it is sent. "
					: "");
			this.notices.toAllChannels(account, "withdrawal-requested",
					"Withdrawal requested: " + event.amount() + " " + event.currency(), variables);
		});
	}

	@EventListener
	void on(WithdrawEvents.WithdrawalChanged event) {
		String subject = switch (event.change()) {
			case "succeeded" -> "Withdrawal completed: ";
			case "failed" -> "Withdrawal failed: ";
			case "cancelled" -> "Withdrawal cancelled: ";
			case "rejected" -> "Withdrawal not approved: ";
			default -> null;
		};
		if (subject == null) {
			return;
		}
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>();
			variables.put("when", Notices.WHEN.format(this.notices.now()));
			variables.put("amount", event.amount());
			variables.put("currency", event.currency());
			variables.put("address", event.address());
			variables.put("outcome", switch (event.change()) {
				case "succeeded" -> "was sent. Transaction: " + event.txId();
				case "failed" -> "could not be sent; the amount and fee are available in Funding again";
				case "rejected" -> "was not approved by our review team; the amount and fee are available in Funding again";
				default -> "was cancelled" + ("account_frozen".equals(event.reason()) ? " because the account was frozen"
						: "") + "; the amount and fee are available in Funding again";
			});
			this.notices.toAllChannels(account, "withdrawal-outcome", subject + event.amount() + " " + event.currency(),
					variables, "succeeded".equals(event.change()));
		});
	}

	@EventListener
	void on(KycDecided event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>();
			variables.put("when", Notices.WHEN.format(this.notices.now()));
			variables.put("outcome", event.approved()
					? "was approved: your account is now at verification level " + event.level() + "."
					: "was not approved. Reason: " + event.note() + ". You can apply again with clearer photos.");
			this.notices.toAllChannels(account, "kyc-decided",
					event.approved() ? "Your identity is verified" : "Your identity verification was not approved",
					variables, false);
		});
	}
}
