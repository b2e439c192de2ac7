package io.gatehouse.notify;

import java.util.Map;

import io.gatehouse.account.Identifier;
import io.gatehouse.assets.AssetsEvents.DepositCredited;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about money. A credited deposit is told by email (text message when the account has no email),
 * with the anti-phishing code, in the transaction that credited it.
 */
@Component
class MoneyNotices {

	private final Notices notices;

	MoneyNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(DepositCredited event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Identifier to = account.email() != null ? account.email() : account.phone();
			if (to == null) {
				return;
			}
			this.notices.send(account.id(), Notices.channel(to), to.value(), "deposit-credited",
					"Deposit received: " + event.amount() + " " + event.currency(),
					Map.of("amount", event.amount(), "currency", event.currency(), "network", event.chainName(),
							"address", event.address(), "transaction", event.transactionHash()),
					account.antiPhishingCode(), false);
		});
	}
}
