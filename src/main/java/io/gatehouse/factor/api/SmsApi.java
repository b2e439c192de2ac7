package io.gatehouse.factor.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.FactorRejection;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMS codes as a second factor: turn on (behind step-up for {@code enable_sms}, a code to the phone
 * confirms it), turn off (behind step-up for {@code remove_sms}). Every answer carries the warning
 * that SMS is the weakest option.
 */
@RestController
@RequestMapping("/api/v1/me/factors/sms")
class SmsApi {

	static final String WARNING = "SMS is the weakest second factor: a SIM swap or a hijacked number can receive "
			+ "your codes. Prefer a passkey or an authenticator app; SMS alone never allows withdrawals, "
			+ "removing a factor or account recovery.";

	private final SmsFactorService sms;

	private final StepUp stepUp;

	private final RequestContexts contexts;

	SmsApi(SmsFactorService sms, StepUp stepUp, RequestContexts contexts) {
		this.sms = sms;
		this.stepUp = stepUp;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, Object> status(@AuthenticationPrincipal Actor.Customer session) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("status", this.sms.hasActive(session.accountId()) ? "active" : "none");
		this.sms.maskedPhone(session.accountId()).ifPresent(p -> out.put("phone", p));
		out.put("warning", WARNING);
		return out;
	}

	/** Sends a code to the account's phone, or to {@code phone} when the account has none yet. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> start(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody Start body, HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.ENABLE_SMS, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return switch (this.sms.startEnrolment(session, body.phone(), this.contexts.of(request))) {
			case SmsFactorService.Sent.Done d -> ResponseEntity.accepted()
				.body(Map.of("sentTo", d.destination(), "next", "confirm", "warning", WARNING));
			case SmsFactorService.Sent.Refused r -> Problems.of(r.rejection());
		};
	}

	@PostMapping(path = "/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> confirm(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody Confirm body,
			HttpServletRequest request) {
		return this.sms.confirmEnrolment(session, body.code(), this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("status", "active", "warning", WARNING)));
	}

	@DeleteMapping
	ResponseEntity<?> remove(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof,
			HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.REMOVE_SMS, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return this.sms.remove(session, this.contexts.of(request)) ? ResponseEntity.noContent().build()
				: Problems.of(FactorRejection.SMS_NOT_ENROLLED);
	}

	record Start(@Nullable String phone) {
	}

	record Confirm(@NotNull String code) {

		@Override
		public String toString() {
			return "Confirm[code=<redacted>]";
		}
	}
}
