package io.gatehouse.factor;

import java.util.Map;
import java.util.UUID;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What step-up announces. The proof itself never reaches the log. */
public final class StepUpEvents {

	private StepUpEvents() {
	}

	public record StepUpSucceeded(UUID accountId, UUID sessionId, String action, String factor,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "step_up_succeeded";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("action", this.action);
		}
	}

	public record StepUpFailed(UUID accountId, UUID sessionId, String action, String reason,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "step_up_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("action", this.action);
		}
	}
}
