package io.gatehouse.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.IpRange;
import io.gatehouse.kernel.Rejection;

import org.springframework.stereotype.Component;

/**
 * A key's settings as asked (name, permissions, IP list, expiry), checked and put in canonical form: what is
 * stored and what the step-up proof for creating or editing the key is made for.
 */
@Component
public class ApiKeyRequests {

	static final int MAX_IPS = 20;

	private final Clock clock;

	ApiKeyRequests(Clock clock) {
		this.clock = clock;
	}

	/**
	 * As asked on the wire.
	 *
	 * @param permissions tokens such as {@code Spot}; {@code General} is always added
	 * @param ipAllowList addresses or CIDRs separated by commas, or empty
	 * @param expiresAt an ISO-8601 instant, or null for none
	 */
	public record Asked(String name, List<String> permissions, @Nullable String ipAllowList, @Nullable String expiresAt) {
	}

	/** The canonical settings. */
	public record Spec(String name, Set<Permission> permissions, List<String> ipAllowList, @Nullable Instant expiresAt) {

		/** What the step-up proof is made for. */
		public Map<String, String> params() {
			Map<String, String> out = new LinkedHashMap<>();
			out.put("name", this.name);
			out.put("permissions", Permission.tokens(this.permissions));
			out.put("ipAllowList", String.join(",", this.ipAllowList));
			out.put("expiresAt", this.expiresAt == null ? "" : this.expiresAt.toString());
			return out;
		}
	}

	public sealed interface Checked {

		record Ok(Spec spec) implements Checked {
		}

		record Refused(Rejection rejection) implements Checked {
		}
	}

	public Checked check(Asked asked) {
		String name = asked.name().strip();
		if (name.isEmpty() || name.length() > 32 || name.codePoints().anyMatch(Character::isISOControl)) {
			return new Checked.Refused(ApiKeyRejection.NAME_INVALID);
		}
		EnumSet<Permission> permissions = EnumSet.of(Permission.GENERAL);
		for (String token : asked.permissions()) {
			Optional<Permission> p = token == null ? Optional.empty() : Permission.parse(token);
			if (p.isEmpty()) {
				return new Checked.Refused(ApiKeyRejection.PERMISSION_UNKNOWN);
			}
			permissions.add(p.get());
		}
		Optional<List<String>> ips = ipList(asked.ipAllowList());
		if (ips.isEmpty()) {
			return new Checked.Refused(ApiKeyRejection.IP_LIST_INVALID);
		}
		if (permissions.contains(Permission.TRANSFER) && ips.get().isEmpty()) {
			return new Checked.Refused(ApiKeyRejection.TRANSFER_NEEDS_IP_LIST);
		}
		Instant expiresAt = null;
		if (asked.expiresAt() != null && !asked.expiresAt().isBlank()) {
			try {
				expiresAt = Instant.parse(asked.expiresAt().strip());
			}
			catch (DateTimeParseException ex) {
				return new Checked.Refused(ApiKeyRejection.EXPIRY_INVALID);
			}
			Instant now = this.clock.instant();
			if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(366)))) {
				return new Checked.Refused(ApiKeyRejection.EXPIRY_INVALID);
			}
		}
		return new Checked.Ok(new Spec(name, permissions, ips.get(), expiresAt));
	}

	/** Canonical CIDRs (an address alone becomes /32 or /128), without repeats; empty when one is not valid. */
	static Optional<List<String>> ipList(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return Optional.of(List.of());
		}
		Set<String> out = new LinkedHashSet<>();
		for (String part : text.split(",")) {
			if (part.isBlank()) {
				continue;
			}
			try {
				IpRange range = IpRange.parse(part.strip());
				// An allow-list that lets the whole internet in (0.0.0.0/0) is no allow-list.
				if (range.prefixLength() < (range.network().getAddress().length == 4 ? 24 : 48)) {
					return Optional.empty();
				}
				out.add(new ClientIp(range.network()) + "/" + range.prefixLength());
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return out.size() > MAX_IPS ? Optional.empty() : Optional.of(new ArrayList<>(out));
	}
}
