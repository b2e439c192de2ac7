package io.gatehouse.team;

import java.util.Map;
import java.util.UUID;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What happens to a master's sub-accounts, on the master's chain. */
public final class TeamEvents {

	private TeamEvents() {
	}

	/** @param change {@code created}, {@code frozen} or {@code unfrozen} */
	public record SubAccountChanged(UUID accountId, UUID subAccountId, String name, String change,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sub_account_" + this.change;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("subAccount", this.subAccountId.toString(), "name", this.name);
		}
	}
}
