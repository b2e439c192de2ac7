package io.gatehouse.withdraw.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.web.Problems;
import io.gatehouse.withdraw.ReferencePrices;
import io.gatehouse.withdraw.WalletWithdrawals;
import io.gatehouse.withdraw.WithdrawalProperties;
import io.gatehouse.withdraw.WithdrawalViews;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the exchange's wallet service and price service call, on the internal listener only (service tokens).
 * Each call is for one service: withdrawals for the wallet service, prices for the price service
 * ({@code gatehouse.withdrawals.wallet-service}, {@code price-service}); another service's token gets 403
 * {@code service_not_allowed}, so a leaked price-feed token cannot report a payout, nor the wallet's set a price.
 * Every call may be sent again: a repeated report answers 200 with what it did the first time.
 */
@RestController
class WalletWithdrawalApi {

	private final WalletWithdrawals wallet;

	private final ReferencePrices prices;

	private final WithdrawalViews views;

	private final WithdrawalProperties properties;

	WalletWithdrawalApi(WalletWithdrawals wallet, ReferencePrices prices, WithdrawalViews views,
			WithdrawalProperties properties) {
		this.wallet = wallet;
		this.prices = prices;
		this.views = views;
		this.properties = properties;
	}

	private boolean wallet(Actor.Service service) {
		return service.name().equals(this.properties.walletService());
	}

	/** Claims the oldest approved withdrawal with a lease: 200 with it, 204 when none is waiting. */
	@PostMapping("/internal/v1/withdrawals/claim")
	ResponseEntity<?> claim(@AuthenticationPrincipal Actor.Service service) {
		if (!wallet(service)) {
			return Problems.of(ServiceRejection.SERVICE_NOT_ALLOWED);
		}
		return this.wallet.claim(service)
			.<ResponseEntity<?>>map(w -> ResponseEntity.ok(this.views.full(w)))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PostMapping(path = "/internal/v1/withdrawals/{id}/broadcast", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> broadcast(@AuthenticationPrincipal Actor.Service service, @PathVariable UUID id,
			@Valid @RequestBody Transaction body) {
		return wallet(service) ? answer(this.wallet.broadcast(service, id, body.txId())) : Problems.of(ServiceRejection.SERVICE_NOT_ALLOWED);
	}

	@PostMapping(path = "/internal/v1/withdrawals/{id}/success", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> success(@AuthenticationPrincipal Actor.Service service, @PathVariable UUID id,
			@Valid @RequestBody Transaction body) {
		return wallet(service) ? answer(this.wallet.succeed(service, id, body.txId())) : Problems.of(ServiceRejection.SERVICE_NOT_ALLOWED);
	}

	@PostMapping(path = "/internal/v1/withdrawals/{id}/failure", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> failure(@AuthenticationPrincipal Actor.Service service, @PathVariable UUID id,
			@Valid @RequestBody Failure body) {
		return wallet(service) ? answer(this.wallet.fail(service, id, body.reason(), Boolean.TRUE.equals(body.dropped()))) : Problems.of(ServiceRejection.SERVICE_NOT_ALLOWED);
	}

	/**
	 * The price service reports prices of whole units in the reference currency, as decimal strings
	 * ({@code {"prices": {"BTC": "64000.5"}}}); a price older than the configured age is not used.
	 */
	@PutMapping(path = "/internal/v1/prices", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> prices(@AuthenticationPrincipal Actor.Service service, @Valid @RequestBody Prices body) {
		if (!service.name().equals(this.properties.priceService())) {
			return Problems.of(ServiceRejection.SERVICE_NOT_ALLOWED);
		}
		Map<String, BigDecimal> parsed = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : body.prices().entrySet()) {
			if (!(e.getValue() instanceof String text) || !text.matches("[0-9]{1,20}(\\.[0-9]{1,18})?")) {
				return Problems.of(PriceRejection.PRICE_INVALID);
			}
			parsed.put(e.getKey(), new BigDecimal(text));
		}
		if (parsed.isEmpty() || parsed.size() > 500) {
			return Problems.of(PriceRejection.PRICE_INVALID);
		}
		if (!this.prices.report(parsed)) {
			return Problems.of(PriceRejection.PRICE_INVALID);
		}
		return ResponseEntity.ok(Map.of("updated", parsed.size()));
	}

	private ResponseEntity<?> answer(WalletWithdrawals.Result result) {
		return switch (result) {
			case WalletWithdrawals.Result.Done done -> ResponseEntity.status(HttpStatus.OK)
				.body(Map.of("withdrawal", this.views.full(done.withdrawal()), "repeated", done.repeated()));
			case WalletWithdrawals.Result.Refused refused -> Problems.of(refused.rejection());
		};
	}

	record Transaction(@NotNull String txId) {
	}

	/** @param dropped the wallet checked the chain: nothing was or will be mined for this withdrawal */
	record Failure(@NotNull String reason, @org.jspecify.annotations.Nullable Boolean dropped) {
	}

	record Prices(@NotNull Map<String, Object> prices) {
	}

	enum PriceRejection implements Rejection {

		PRICE_INVALID;

		@Override
		public Definition definition() {
			return Rejection.of("price_invalid", Kind.INVALID,
					"Give prices as decimal strings above zero for known currencies, e.g. {\"prices\": {\"BTC\": \"64000.5\"}}.");
		}
	}

	enum ServiceRejection implements Rejection {

		SERVICE_NOT_ALLOWED;

		@Override
		public Definition definition() {
			return Rejection.of("service_not_allowed", Kind.FORBIDDEN, "This service's token is not for this call.");
		}
	}
}
