package io.gatehouse.ledger;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/ledger} on the management listener (loopback by default): the {@link LedgerCheck}
 * for operators and monitoring, beside health and metrics. Amounts are in minor units.
 */
@Component
@Endpoint(id = "ledger")
class LedgerEndpoint {

	private final LedgerCheck check;

	LedgerEndpoint(LedgerCheck check) {
		this.check = check;
	}

	@ReadOperation
	Map<String, Object> check() {
		LedgerCheck.Report report = this.check.run();
		return Map.of("conserved", report.conserved(), "report", report);
	}
}
