package io.gatehouse.assets.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AddressPool;
import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.assets.Deposits;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the exchange's wallet service calls, on the internal listener only (service tokens). Idempotent: each
 * request may be sent again.
 */
@RestController
class WalletApi {

	private final Deposits deposits;

	private final AddressPool pool;

	WalletApi(Deposits deposits, AddressPool pool) {
		this.deposits = deposits;
		this.pool = pool;
	}

	/**
	 * Credits one confirmed chain output to the owner of the address. 201 when credited now, 200 when it
	 * was credited before.
	 */
	@PostMapping(path = "/internal/v1/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> deposit(@AuthenticationPrincipal Actor.Service service, @Valid @RequestBody DepositBody body) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(AssetsRejection.AMOUNT_INVALID);
		}
		Deposits.Result result = this.deposits.credit(new Deposits.Deposit(body.currency(), body.chain(),
				body.address(), body.memo(), body.transactionHash(), body.outputIndex(), amount));
		return switch (result) {
			case Deposits.Result.Credited c -> ResponseEntity.status(c.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(Map.of("transferId", c.transferId().toString(), "accountId", c.accountId().toString(), "amount",
						c.amount(), "repeated", c.repeated()));
			case Deposits.Result.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Adds addresses to a chain's pool; those it has already are skipped. */
	@PostMapping(path = "/internal/v1/deposit-addresses", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> addresses(@AuthenticationPrincipal Actor.Service service, @Valid @RequestBody PoolBody body) {
		AddressPool.Result result = this.pool.add(body.chain(),
				body.addresses().stream().map(a -> new AddressPool.NewAddress(a.address(), a.memo())).toList());
		return switch (result) {
			case AddressPool.Result.Added a -> {
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("chain", a.chain());
				out.put("added", a.added());
				out.put("free", a.free());
				yield ResponseEntity.ok(out);
			}
			case AddressPool.Result.Refused r -> Problems.of(r.rejection());
		};
	}

	/** @param amount a decimal string; a JSON number is refused */
	record DepositBody(@NotNull String currency, @NotNull String chain, @NotNull String address, @Nullable String memo,
			@NotNull String transactionHash, @NotNull Integer outputIndex, @NotNull Object amount) {
	}

	record PoolBody(@NotNull String chain,
			@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid NewAddressBody> addresses) {
	}

	record NewAddressBody(@NotNull String address, @Nullable String memo) {
	}
}
