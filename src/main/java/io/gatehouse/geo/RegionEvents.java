package io.gatehouse.geo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the region policy did, for the security event log. */
public final class RegionEvents {

	private RegionEvents() {
	}

	/** A request was refused because of where it came from or the account's country. */
	public record RegionRestricted(@Nullable UUID accountId, String action, Region region, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "region_restricted";
		}

		@Override
		public String chainSubject() {
			return "region:" + this.context.ip();
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return "region_" + this.region.access().wireName();
		}

		@Override
		public Map<String, String> details() {
			return details(this.action, this.region);
		}

		static Map<String, String> details(String action, Region region) {
			Map<String, String> d = new LinkedHashMap<>();
			d.put("action", action);
			d.put("access", region.access().wireName());
			d.put("ipCountry", region.ipCountry() == null ? "" : region.ipCountry());
			d.put("declaredCountry", region.declaredCountry() == null ? "" : region.declaredCountry());
			d.put("decidedBy", region.decidedBy());
			return d;
		}
	}
}
