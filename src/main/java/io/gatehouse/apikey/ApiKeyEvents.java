package io.gatehouse.apikey;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What happens to API keys, for the security event log and the owner's notices. Never the secret or passphrase. */
public final class ApiKeyEvents {

	private ApiKeyEvents() {
	}

	/**
	 * @param change {@code created}, {@code edited}, {@code deleted}, {@code enabled}, {@code suspended},
	 *     {@code disabled}
	 */
	public record ApiKeyChanged(UUID accountId, UUID keyId, String apiKey, String name, String change,
			String permissions, String ipAllowList, @Nullable String reason, @Nullable RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "api_key_" + this.change;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("key", this.apiKey, "name", this.name, "permissions", this.permissions, "ipAllowList",
					this.ipAllowList);
		}

		/** The key can no longer sign: deleted, suspended or disabled. */
		public boolean revokes() {
			return this.change.equals("deleted") || this.change.equals("suspended") || this.change.equals("disabled");
		}

		public boolean canWithdraw() {
			return this.permissions.contains(Permission.TRANSFER.token());
		}
	}
}
