package io.gatehouse.factor.api;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.FactorRejection;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TotpService.EnrolmentResult;
import io.gatehouse.factor.TotpService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authenticator-app enrolment for the signed-in person. The seed is in the answer to the start call
 * only; nothing ever returns it again.
 */
@RestController
@RequestMapping("/api/v1/me/factors")
class TotpApi {

	private final TotpService totp;

	private final BackupCodeService backupCodes;

	private final StepUp stepUp;

	private final SecondFactorService secondFactors;

	private final Accounts accounts;

	private final RequestContexts contexts;

	TotpApi(TotpService totp, BackupCodeService backupCodes, StepUp stepUp, SecondFactorService secondFactors,
			Accounts accounts,
			RequestContexts contexts) {
		this.secondFactors = secondFactors;
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.stepUp = stepUp;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, Object> factors(@AuthenticationPrincipal Actor.Customer session) {
		return Map.of("totp", this.totp.hasActive(session.accountId()) ? "active" : "none", "backupCodesRemaining",
				this.backupCodes.remaining(session.accountId()), "allowedSecondFactors",
				this.secondFactors.allowedWireNames(session.accountId()));
	}

	/** Turns the authenticator app off; the step-up proof must be for {@code remove_totp}. */
	@org.springframework.web.bind.annotation.DeleteMapping("/totp")
	ResponseEntity<?> remove(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof,
			HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.REMOVE_TOTP, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		this.totp.remove(session, this.contexts.of(request));
		return ResponseEntity.noContent().build();
	}

	/** Ten new backup codes, shown this once; every earlier code stops working. */
	@PostMapping("/backup-codes")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> backupCodes(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof,
			HttpServletRequest request) {
		if (!this.secondFactors.anyStrong(session.accountId())) {
			return Problems.of(FactorRejection.SECOND_FACTOR_REQUIRED);
		}
		var refused = this.stepUp.consume(session, StepUpAction.REGENERATE_BACKUP_CODES, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("codes", this.backupCodes.regenerate(session.accountId(), this.contexts.of(request))));
	}

	/** Starts enrolment; adding a factor is a sensitive action, so the proof must be for {@code enrol_totp}. */
	@PostMapping("/totp")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> start(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof) {
		if (this.totp.hasActive(session.accountId())) {
			return Problems.of(FactorRejection.ALREADY_ENROLLED);
		}
		var refused = this.stepUp.consume(session, StepUpAction.ENROL_TOTP, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		Account account = this.accounts.find(session.accountId()).orElseThrow();
		String label = account.identifiers().getFirst().value();
		return switch (this.totp.start(session.accountId(), label)) {
			case EnrolmentResult.Started s -> ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.of("factorId", s.enrolment().factorId(), "secret", s.enrolment().secret(), "otpauthUri",
						s.enrolment().otpauthUri(), "next", "confirm"));
			case EnrolmentResult.Refused r -> Problems.of(r.rejection());
		};
	}

	@PostMapping(path = "/totp/{factorId}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> confirm(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID factorId,
			@Valid @RequestBody ConfirmRequest body, HttpServletRequest request) {
		return this.totp.confirm(session.accountId(), factorId, body.code(), this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("status", "active")));
	}

	record ConfirmRequest(@NotNull String code) {

		@Override
		public String toString() {
			return "ConfirmRequest[code=<redacted>]";
		}
	}
}
