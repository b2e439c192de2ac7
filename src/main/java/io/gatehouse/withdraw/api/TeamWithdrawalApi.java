package io.gatehouse.withdraw.api;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.team.TeamRejection;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.TeamWithdrawals;
import io.gatehouse.withdraw.WithdrawalRejection;
import io.gatehouse.withdraw.WithdrawalViews;
import io.gatehouse.withdraw.Withdrawals;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Withdrawals from a team's master account by its admins, the same steps as one's own (quote, email code, step-up
 * for {@code withdraw} with the quote's {@code stepUpParams}, which name the team, then submit), confirmed with the
 * admin's own factors and trading password and held to the master's whitelist, cooldowns and limits.
 */
@RestController
@RequestMapping(path = "/api/v1/teams/{team}/withdrawals", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamWithdrawalApi {

	private final TeamWithdrawals withdrawals;

	private final WithdrawalViews views;

	private final RequestContexts contexts;

	TeamWithdrawalApi(TeamWithdrawals withdrawals, WithdrawalViews views, RequestContexts contexts) {
		this.withdrawals = withdrawals;
		this.views = views;
		this.contexts = contexts;
	}

	/** The master's withdrawals, newest first: members of the whole team. */
	@GetMapping
	ResponseEntity<?> list(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(defaultValue = "100") int limit) {
		return switch (this.withdrawals.of(me.accountId(), team, limit)) {
			case TeamWithdrawals.Outcome.Listed listed -> ResponseEntity.ok(Map.of("withdrawals",
					listed.withdrawals().stream().map(this.views::view).toList()));
			case TeamWithdrawals.Outcome.Refused refused -> Problems.of(refused.rejection());
		};
	}

	@PostMapping(path = "/quote", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> quote(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@Valid @RequestBody WithdrawalApi.Destination body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		return this.withdrawals.quote(me.accountId(), team,
				new Withdrawals.Request(null, body.currency(), body.chain(), body.address(), body.memo(), amount),
				this.contexts.of(request))
			.<ResponseEntity<?>>map(q -> ResponseEntity.ok(WithdrawalApi.quoteView(q, body)))
			.orElseGet(() -> Problems.of(this.withdrawals.refusal(me.accountId(), team)
				.orElse(TeamRejection.NOT_A_MEMBER)));
	}

	/** Sends the email code for exactly this withdrawal to the admin's own address. */
	@PostMapping(path = "/email-code", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> emailCode(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@Valid @RequestBody WithdrawalApi.Destination body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		return this.withdrawals.sendCode(me.accountId(), team,
				new Withdrawals.Request(null, body.currency(), body.chain(), body.address(), body.memo(), amount),
				this.contexts.of(request))
			.<ResponseEntity<?>>map(r -> Problems.of(r.rejection(), r.facts()))
			.orElseGet(() -> ResponseEntity.accepted().body(Map.of("status", "sent")));
	}

	/** Requests the withdrawal: 201 with it, 200 when the same client id and body were requested before. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> submit(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestHeader(name = WithdrawalApi.PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody WithdrawalApi.Submission body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		return switch (this.withdrawals.submit(me, team, new Withdrawals.Request(body.clientOid(), body.currency(),
				body.chain(), body.address(), body.memo(), amount), proof, body.tradingPassword(), body.emailCode(),
				this.contexts.of(request))) {
			case Withdrawals.Result.Done done -> ResponseEntity.status(done.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(this.views.view(done.withdrawal()));
			case Withdrawals.Result.Refused refused -> Problems.of(refused.rejection(), refused.facts());
		};
	}
}
