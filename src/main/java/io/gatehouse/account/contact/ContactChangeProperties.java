package io.gatehouse.account.contact;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Changing the email address or phone number.
 *
 * @param codeValidity how long the code sent to the new address works
 * @param maxWrongCodes wrong codes before the change is stopped
 * @param maxSends codes one change may send (the first and its resends)
 * @param maxChangesPerDay changes one account may start in 24 hours
 * @param maxSendsPerDestinationPerHour codes one address receives per hour, whichever account asks
 * @param cooldown after a change (or its revert), how long before the same kind may change again
 * @param revertValidity how long the revert link sent to the old address works (at least the cooldown); the
 *        same kind cannot change again while it does
 */
@ConfigurationProperties("gatehouse.recovery.contact")
record ContactChangeProperties(@DefaultValue("15m") Duration codeValidity, @DefaultValue("5") int maxWrongCodes,
		@DefaultValue("5") int maxSends, @DefaultValue("5") int maxChangesPerDay,
		@DefaultValue("5") int maxSendsPerDestinationPerHour, @DefaultValue("24h") Duration cooldown,
		@DefaultValue("72h") Duration revertValidity) {

	public ContactChangeProperties {
		if (revertValidity.compareTo(cooldown) < 0) {
			throw new IllegalArgumentException(
					"gatehouse.recovery.contact.revert-validity must be at least the cooldown: the revert link has to "
							+ "work for as long as the change is held");
		}
	}
}
