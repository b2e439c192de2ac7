package io.gatehouse.recovery.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Recovery-case settings (lost second factor, unfreeze).
 *
 * @param waitingPeriod between approval and completion of a lost-factor case; the owner can cancel meanwhile
 * @param collectingWindow how long the proofs may take before the case lapses
 * @param codeValidity how long the emailed and texted codes work
 * @param maxWrongCodes wrong codes before the case is cancelled
 * @param maxCodeSends code messages per account per hour
 * @param maxDocumentSize largest accepted photo
 * @param cooldown withdrawals locked after a lost-factor recovery (D10: 72 h)
 * @param completionInterval how often due cases are completed and lapsed ones closed (read by the
 *     scheduler from the same property)
 */
@ConfigurationProperties("gatehouse.recovery.case")
public record RecoveryCaseProperties(@DefaultValue("72h") Duration waitingPeriod,
		@DefaultValue("24h") Duration collectingWindow, @DefaultValue("30m") Duration codeValidity,
		@DefaultValue("5") int maxWrongCodes, @DefaultValue("5") int maxCodeSends,
		@DefaultValue("5MB") DataSize maxDocumentSize, @DefaultValue("72h") Duration cooldown,
		@DefaultValue("10s") Duration completionInterval) {
}
