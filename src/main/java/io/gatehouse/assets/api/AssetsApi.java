package io.gatehouse.assets.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AddressAssignment;
import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.assets.FuturesActivation;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.Statements;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Balance;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in owner's money: balances, internal transfers, futures activation, the ledger statement. */
@RestController
class AssetsApi {

	private final AssetBalances balances;

	private final InternalTransfers transfers;

	private final FuturesActivation futures;

	private final Statements statements;

	private final Currencies currencies;

	private final RequestContexts contexts;

	private final AddressAssignment addresses;

	AssetsApi(AssetBalances balances, InternalTransfers transfers, FuturesActivation futures, Statements statements,
			Currencies currencies, RequestContexts contexts, AddressAssignment addresses) {
		this.addresses = addresses;
		this.balances = balances;
		this.transfers = transfers;
		this.futures = futures;
		this.statements = statements;
		this.currencies = currencies;
		this.contexts = contexts;
	}

	/** The currencies the exchange holds, with their scale and the networks they travel on. */
	@GetMapping("/api/v1/currencies")
	Map<String, Object> currencies() {
		return Map.of("currencies", this.currencies.all().stream().map(AssetsApi::currency).toList());
	}

	/** Per currency: Funding ({@code main}), Spot ({@code trade}) and Futures ({@code contract}), and the total. */
	@GetMapping("/api/v1/me/assets")
	Map<String, Object> assets(@AuthenticationPrincipal Actor.Customer owner) {
		List<Map<String, Object>> out = this.balances.of(owner.accountId()).stream().map(asset -> {
			int scale = asset.currency().scale();
			Map<String, Object> accounts = new LinkedHashMap<>();
			for (LedgerAccountType type : List.of(LedgerAccountType.MAIN, LedgerAccountType.TRADE,
					LedgerAccountType.CONTRACT)) {
				accounts.put(type.wireName(), balance(asset.account(type), scale));
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("currency", asset.currency().code());
			row.put("total", Amounts.format(asset.total(), scale));
			row.put("accounts", accounts);
			return row;
		}).toList();
		return Map.of("assets", out, "futuresActivated", this.futures.activatedAt(owner.accountId()).isPresent());
	}

	/**
	 * Moves funds between two of the owner's accounts. 201 for a new transfer; 200 with {@code repeated}
	 * for a retry of one made before with the same {@code clientOid}.
	 */
	@PostMapping(path = "/api/v1/me/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	ResponseEntity<?> transfer(@AuthenticationPrincipal Actor.Customer owner,
			@Valid @RequestBody TransferRequest body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(AssetsRejection.AMOUNT_INVALID);
		}
		InternalTransfers.Result result = this.transfers.transfer(owner, new InternalTransfers.Request(body.clientOid(),
				body.currency(), amount, body.from(), body.to()), this.contexts.of(request));
		return switch (result) {
			case InternalTransfers.Result.Done done -> ResponseEntity
				.status(done.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(Map.of("transferId", done.transferId().toString(), "clientOid", body.clientOid(), "currency",
						done.currency(), "amount", done.amount(), "from", done.from().wireName(), "to",
						done.to().wireName(), "repeated", done.repeated()));
			case InternalTransfers.Result.Refused refused -> refusal(refused.rejection());
		};
	}

	@GetMapping("/api/v1/me/futures")
	Map<String, Object> futures(@AuthenticationPrincipal Actor.Customer owner) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("activated", false);
		this.futures.activatedAt(owner.accountId()).ifPresent(at -> {
			out.put("activated", true);
			out.put("activatedAt", at.toString());
		});
		out.put("terms", FuturesActivation.TERMS);
		return out;
	}

	/** Activates futures; {@code acknowledged} must be true: the owner has read the risks. */
	@PostMapping(path = "/api/v1/me/futures", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.FUTURES_TRANSFER)
	ResponseEntity<?> activate(@AuthenticationPrincipal Actor.Customer owner, @Valid @RequestBody Activation body,
			HttpServletRequest request) {
		return this.futures.activate(owner, Boolean.TRUE.equals(body.acknowledged()), this.contexts.of(request))
			.map(AssetsApi::refusal)
			.orElseGet(() -> ResponseEntity.ok(futures(owner)));
	}

	/**
	 * The statement: postings newest first. {@code from} and {@code until} are ISO-8601 instants;
	 * {@code format=csv} downloads it.
	 */
	@GetMapping(path = "/api/v1/me/ledger", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	ResponseEntity<?> ledger(@AuthenticationPrincipal Actor.Customer owner,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String account,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String until,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "json") String format) {
		Instant since;
		Instant before;
		try {
			since = time(from);
			before = time(until);
		}
		catch (DateTimeParseException ex) {
			return Problems.of(LedgerQueryRejection.TIME_INVALID);
		}
		if (!"json".equals(format) && !"csv".equals(format)) {
			return Problems.of(LedgerQueryRejection.FORMAT_INVALID);
		}
		Statements.Result result = this.statements.rows(owner.accountId(),
				new Statements.Filter(currency, account, since, before, limit));
		return switch (result) {
			case Statements.Result.Refused refused -> refusal(refused.rejection());
			case Statements.Result.Rows rows when "csv".equals(format) -> {
				HttpHeaders headers = new HttpHeaders();
				headers.setContentDisposition(ContentDisposition.attachment().filename("gatehouse-ledger.csv").build());
				headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
				yield new ResponseEntity<>(Statements.csv(rows.rows()), headers, HttpStatus.OK);
			}
			case Statements.Result.Rows rows -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("postings", rows.rows()));
		};
	}

	/** The deposit addresses the owner was given. */
	@GetMapping("/api/v1/me/deposit-addresses")
	Map<String, Object> depositAddresses(@AuthenticationPrincipal Actor.Customer owner) {
		return Map.of("addresses", this.addresses.addresses(owner).stream().map(AssetsApi::address).toList());
	}

	/** The owner's address for this currency and chain: the one given before, or a new one from the pool. */
	@PostMapping(path = "/api/v1/me/deposit-addresses", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.DEPOSIT)
	ResponseEntity<?> depositAddress(@AuthenticationPrincipal Actor.Customer owner,
			@Valid @RequestBody AddressRequest body, HttpServletRequest request) {
		return switch (this.addresses.addressFor(owner, body.currency(), body.chain(), this.contexts.of(request))) {
			case AddressAssignment.Result.Given given -> ResponseEntity.ok(address(given.address()));
			case AddressAssignment.Result.Refused refused -> refusal(refused.rejection());
		};
	}

	static Map<String, @Nullable Object> address(AddressAssignment.DepositAddress a) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("currency", a.currency().code());
		out.put("chain", a.chain().chain());
		out.put("chainId", a.chain().chainId());
		out.put("chainName", a.chain().name());
		out.put("address", a.address());
		out.put("memo", a.memo());
		out.put("needsMemo", a.chain().needsMemo());
		out.put("confirmations", a.chain().confirmations());
		return out;
	}

	/** The earliest and latest instants a statement may be asked about: what PostgreSQL's timestamps hold easily. */
	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static @Nullable Instant time(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Instant parsed = Instant.parse(text);
		if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
			throw new DateTimeParseException("out of range", text, 0);
		}
		return parsed;
	}

	private static ResponseEntity<?> refusal(AssetsRejection rejection) {
		if (rejection == AssetsRejection.FUTURES_NOT_ACTIVATED) {
			return Problems.of(rejection, Map.of("activate", "/api/v1/me/futures", "page", "/account/futures"));
		}
		return Problems.of(rejection);
	}

	static Map<String, Object> balance(Balance balance, int scale) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("total", Amounts.format(balance.total(), scale));
		out.put("held", Amounts.format(balance.held(), scale));
		out.put("available", Amounts.format(balance.available(), scale));
		return out;
	}

	static Map<String, Object> currency(Currency c) {
		return Map.of("code", c.code(), "name", c.name(), "scale", c.scale(), "chains",
				c.chains()
					.stream()
					.map(ch -> Map.of("chain", ch.chain(), "chainId", ch.chainId(), "name", ch.name(), "confirmations",
							ch.confirmations(), "needsMemo", ch.needsMemo()))
					.toList());
	}

	/**
	 * @param amount a decimal string; a JSON number is refused, as its decimals may already be lost
	 * @param from {@code main}, {@code trade} or {@code contract}
	 */
	record TransferRequest(@NotNull String clientOid, @NotNull String currency,
			@NotNull @Schema(type = "string", example = "10.5",
					description = "A decimal string in the currency's scale; a JSON number is refused") Object amount,
			@NotNull String from, @NotNull String to) {
	}

	record Activation(@Nullable Boolean acknowledged) {
	}

	record AddressRequest(@NotNull String currency, @NotNull String chain) {
	}
}
