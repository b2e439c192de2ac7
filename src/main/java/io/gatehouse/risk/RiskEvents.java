package io.gatehouse.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** Risk decisions, for the security event log. */
final class RiskEvents {

	private RiskEvents() {
	}

	/** Every assessment, with its reasons: the signals, the score, the policy and the steps it chose. */
	public record RiskAssessed(UUID accountId, Assessment assessment, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "risk_assessed";
		}

		@Override
		public Map<String, String> details() {
			Map<String, String> d = new LinkedHashMap<>();
			d.put("score", Integer.toString(this.assessment.score()));
			d.put("signals", this.assessment.signals().stream().map(Signal::wireName).sorted()
				.collect(Collectors.joining(",")));
			d.put("policy", this.assessment.policy() == null ? "" : this.assessment.policy());
			d.put("steps", this.assessment.steps().stream().map(RiskStep::wireName).sorted()
				.collect(Collectors.joining(",")));
			d.put("country", this.assessment.location().country() == null ? "" : this.assessment.location().country());
			if (this.assessment.location().asn() != null) {
				d.put("asn", Long.toString(this.assessment.location().asn()));
			}
			return d;
		}
	}

	/** LG-13: the account signed in from two places no one could travel between in the time between. */
	public record ImpossibleTravel(UUID accountId, String fromCountry, String toCountry, long minimumKm,
			long minutesBetween, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "authn_impossible_travel";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("from", this.fromCountry, "to", this.toCountry, "minimum_km", Long.toString(this.minimumKm),
					"minutes_between", Long.toString(this.minutesBetween));
		}
	}
}
