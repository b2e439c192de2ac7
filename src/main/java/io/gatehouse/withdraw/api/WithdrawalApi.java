package io.gatehouse.withdraw.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.AddressBook;
import io.gatehouse.withdraw.WithdrawalQuotes;
import io.gatehouse.withdraw.WithdrawalRejection;
import io.gatehouse.withdraw.WithdrawalRequests;
import io.gatehouse.withdraw.WithdrawalViews;
import io.gatehouse.withdraw.Withdrawals;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Withdrawals and the address book through the JSON API. A withdrawal: quote it, ask for the email code,
 * get a step-up proof for {@code withdraw} with the quote's {@code stepUpParams}, then submit with the proof
 * as {@code X-Step-Up-Proof}, the trading password and the email code. Address-book changes and whitelist
 * switches take a proof and the trading password the same way.
 */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
class WithdrawalApi {

	static final String PROOF_HEADER = "X-Step-Up-Proof";

	private final WithdrawalQuotes quotes;

	private final WithdrawalRequests requests;

	private final Withdrawals withdrawals;

	private final AddressBook book;

	private final WithdrawalViews views;

	private final RequestContexts contexts;

	WithdrawalApi(WithdrawalQuotes quotes, WithdrawalRequests requests, Withdrawals withdrawals, AddressBook book,
			WithdrawalViews views, RequestContexts contexts) {
		this.quotes = quotes;
		this.requests = requests;
		this.withdrawals = withdrawals;
		this.book = book;
		this.views = views;
		this.contexts = contexts;
	}

	@GetMapping("/withdrawals")
	Map<String, Object> list(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "100") int limit) {
		return Map.of("withdrawals", this.withdrawals.of(session.accountId(), limit).stream().map(this.views::view).toList());
	}

	@GetMapping("/withdrawals/{id}")
	ResponseEntity<?> one(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id) {
		return this.withdrawals.find(session.accountId(), id)
			.<ResponseEntity<?>>map(w -> ResponseEntity.ok(this.views.view(w)))
			.orElseGet(() -> Problems.of(WithdrawalRejection.NOT_FOUND));
	}

	/** The fee, the amount received, the limit left, any cooldown, and what to make the step-up proof for. */
	@PostMapping(path = "/withdrawals/quote", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> quote(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody Destination body,
			HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		Withdrawals.Quote q = this.quotes.quote(session.accountId(),
				new Withdrawals.Request(null, body.currency(), body.chain(), body.address(), body.memo(), amount),
				this.contexts.of(request));
		return ResponseEntity.ok(quoteView(q, body));
	}

	static Map<String, @Nullable Object> quoteView(Withdrawals.Quote q, Destination body) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("currency", body.currency());
		out.put("chain", body.chain());
		out.put("amount", q.receive());
		out.put("fee", q.fee());
		out.put("receive", q.receive());
		out.put("minimum", q.minimum());
		out.put("limitRemaining", q.limitRemaining());
		out.put("limit", q.limit());
		out.put("referenceCurrency", q.referenceCurrency());
		out.put("cooldownUntil", q.cooldownUntil() == null ? null : q.cooldownUntil().toString());
		out.put("whitelistOn", q.whitelistOn());
		out.put("emailCodeRequired", q.emailCodeRequired());
		out.put("review", q.reviewLikely());
		out.put("allowed", q.refusal() == null);
		out.put("refusal", q.refusal() == null ? null : Map.of("code", q.refusal().code(), "detail",
				q.refusal().message(), "facts", q.facts()));
		out.put("stepUpAction", "withdraw");
		out.put("stepUpParams", q.stepUpParams());
		return out;
	}

	/** Sends the 6-digit email code for exactly this withdrawal (valid 10 minutes). */
	@PostMapping(path = "/withdrawals/email-code", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> emailCode(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody Destination body,
			HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		return this.quotes.sendCode(session.accountId(),
				new Withdrawals.Request(null, body.currency(), body.chain(), body.address(), body.memo(), amount),
				this.contexts.of(request))
			.<ResponseEntity<?>>map(r -> Problems.of(r.rejection(), r.facts()))
			.orElseGet(() -> ResponseEntity.accepted().body(Map.of("status", "sent")));
	}

	/** Requests the withdrawal: 201 with it, 200 when the same client id and body were requested before. */
	@PostMapping(path = "/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> submit(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody Submission body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(WithdrawalRejection.AMOUNT_INVALID);
		}
		return switch (this.requests.submit(session,
				new Withdrawals.Request(body.clientOid(), body.currency(), body.chain(), body.address(), body.memo(),
						amount),
				proof, body.tradingPassword(), body.emailCode(), this.contexts.of(request))) {
			case Withdrawals.Result.Done done -> ResponseEntity.status(done.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(this.views.view(done.withdrawal()));
			case Withdrawals.Result.Refused refused -> Problems.of(refused.rejection(), refused.facts());
		};
	}

	@PostMapping("/withdrawals/{id}/cancel")
	ResponseEntity<?> cancel(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			HttpServletRequest request) {
		Optional<Rejection> refused = this.withdrawals.cancel(session, id, this.contexts.of(request));
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return ResponseEntity.ok(this.views.view(this.withdrawals.find(session.accountId(), id).orElseThrow()));
	}

	@GetMapping("/withdrawal-addresses")
	Map<String, Object> addresses(@AuthenticationPrincipal Actor.Customer session) {
		AddressBook.Whitelist whitelist = this.book.whitelist(session.accountId());
		return Map.of("whitelist", whitelistView(whitelist), "addresses",
				this.book.list(session.accountId()).stream().map(AddressViews::view).toList());
	}

	/**
	 * Checks an address before adding it: the canonical form (an EIP-55 checksum, a lower-case Bech32 address)
	 * and the parameters the step-up proof for adding it must be made for.
	 */
	@PostMapping(path = "/withdrawal-addresses/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> check(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody NewAddress body) {
		AddressBook.Checked checked = this.book.checked(new AddressBook.NewAddress(body.currency(), body.chain(),
				body.address(), body.memo(), body.label()));
		if (checked.refused() != null) {
			return Problems.of(checked.refused());
		}
		return ResponseEntity.ok(Map.of("stepUpAction", "add_withdrawal_address", "stepUpParams",
				java.util.Objects.requireNonNull(checked.params())));
	}

	/**
	 * Adds an address; the proof is for {@code add_withdrawal_address} with the canonical {currency, chain,
	 * address, memo, label} that {@code /withdrawal-addresses/check} answers.
	 */
	@PostMapping(path = "/withdrawal-addresses", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> add(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody NewAddress body, HttpServletRequest request) {
		return switch (this.book.add(session, new AddressBook.NewAddress(body.currency(), body.chain(), body.address(),
				body.memo(), body.label()), proof, body.tradingPassword(), this.contexts.of(request))) {
			case AddressBook.Result.Added added -> ResponseEntity.status(HttpStatus.CREATED)
				.body(AddressViews.view(added.entry()));
			case AddressBook.Result.Refused refused -> Problems.of(refused.rejection());
		};
	}

	/** Removes an address; the proof is for {@code remove_withdrawal_address} with {id}. */
	@PostMapping(path = "/withdrawal-addresses/{id}/remove", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> remove(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody TradingPassword body, HttpServletRequest request) {
		return this.book.remove(session, id, proof, body.tradingPassword(), this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("status", "removed")));
	}

	/**
	 * Switches the whitelist: on at once; off after the delay (cancel it meanwhile with
	 * {@code POST /withdrawal-whitelist/cancel-off}). The proof is for {@code change_whitelist} with
	 * {"whitelist": "on" or "off"}.
	 */
	@PutMapping(path = "/withdrawal-whitelist", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> whitelist(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody WhitelistSwitch body, HttpServletRequest request) {
		Optional<Rejection> refused = this.book.switchWhitelist(session, body.on(), proof, body.tradingPassword(),
				this.contexts.of(request));
		return refused.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(whitelistView(this.book.whitelist(session.accountId()))));
	}

	@PostMapping("/withdrawal-whitelist/cancel-off")
	ResponseEntity<?> cancelOff(@AuthenticationPrincipal Actor.Customer session, HttpServletRequest request) {
		return this.book.cancelSwitchOff(session, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(whitelistView(this.book.whitelist(session.accountId()))));
	}

	private static Map<String, @Nullable Object> whitelistView(AddressBook.Whitelist w) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("on", w.on());
		out.put("offAt", w.offAt() == null ? null : w.offAt().toString());
		return out;
	}

	/** @param amount a decimal string; a JSON number is refused */
	record Destination(@NotNull String currency, @NotNull String chain, @NotNull String address, @Nullable String memo,
			@NotNull @Schema(type = "string", example = "120.5",
					description = "A decimal string in the currency's scale; a JSON number is refused") Object amount) {
	}

	/** @param amount a decimal string; a JSON number is refused */
	record Submission(@NotNull String clientOid, @NotNull String currency, @NotNull String chain,
			@NotNull String address, @Nullable String memo,
			@NotNull @Schema(type = "string", example = "120.5",
					description = "A decimal string in the currency's scale; a JSON number is refused") Object amount, @Nullable String tradingPassword,
			@Nullable String emailCode) {

		@Override
		public String toString() {
			return "Submission[" + this.clientOid + ", <secrets redacted>]";
		}
	}

	record NewAddress(@NotNull String currency, @NotNull String chain, @NotNull String address, @Nullable String memo,
			@NotNull String label, @Nullable String tradingPassword) {

		@Override
		public String toString() {
			return "NewAddress[" + this.currency + ", " + this.chain + ", <redacted>]";
		}
	}

	record TradingPassword(@Nullable String tradingPassword) {

		@Override
		public String toString() {
			return "TradingPassword[<redacted>]";
		}
	}

	record WhitelistSwitch(boolean on, @Nullable String tradingPassword) {

		@Override
		public String toString() {
			return "WhitelistSwitch[" + this.on + ", <redacted>]";
		}
	}

	static final class AddressViews {

		private AddressViews() {
		}

		static Map<String, Object> view(AddressBook.Entry e) {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("id", e.id().toString());
			out.put("currency", e.currency());
			out.put("chain", e.chain());
			out.put("address", e.address());
			out.put("memo", e.memo());
			out.put("label", e.label());
			out.put("usableAt", e.usableAt().toString());
			out.put("createdAt", e.createdAt().toString());
			return out;
		}
	}

}
