package io.gatehouse.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.IpRange;

/**
 * An API key as stored, without its secret or passphrase.
 *
 * @param apiKey the public identifier clients send as {@code KC-API-KEY}
 * @param ipAllowList canonical CIDRs; empty means any address
 */
public record ApiKey(UUID id, UUID accountId, String apiKey, String name, Set<Permission> permissions,
		List<String> ipAllowList, @Nullable Instant expiresAt, State state, @Nullable String stateReason,
		Instant createdAt, @Nullable Instant lastUsedAt, @Nullable String lastUsedIp) {

	public ApiKey {
		permissions = Set.copyOf(permissions);
		ipAllowList = List.copyOf(ipAllowList);
	}

	public enum State {

		ACTIVE, SUSPENDED, DISABLED, DELETED;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public boolean allows(Permission permission) {
		return this.permissions.contains(permission);
	}

	/** Whether the address may use the key: any when the list is empty. */
	public boolean allowsFrom(java.net.InetAddress address) {
		return this.ipAllowList.isEmpty() || this.ipAllowList.stream().map(IpRange::parse).anyMatch(r -> r.contains(address));
	}

	public boolean usableAt(Instant now) {
		return this.state == State.ACTIVE && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}
}
