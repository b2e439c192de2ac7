package io.gatehouse.withdraw;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.gatehouse.factor.SecurityCentreRow;

import org.springframework.stereotype.Component;

/** The withdrawal whitelist's row in the security centre. */
@Component
class WhitelistRow implements SecurityCentreRow {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AddressBook addresses;

	WhitelistRow(AddressBook addresses) {
		this.addresses = addresses;
	}

	@Override
	public Row row(UUID accountId) {
		AddressBook.Whitelist whitelist = this.addresses.whitelist(accountId);
		String state = !whitelist.on() ? "Off: withdrawals may go to any valid address"
				: whitelist.offAt() != null ? "On, turning off at " + WHEN.format(whitelist.offAt())
						: "On: withdrawals go only to your saved addresses";
		return new Row("Withdrawal whitelist", state, whitelist.on(), "Manage", "/account/addresses");
	}
}
