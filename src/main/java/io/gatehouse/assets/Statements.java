package io.gatehouse.assets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Csv;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.Postings.Posting;
import io.gatehouse.ledger.Postings;

import org.springframework.stereotype.Service;

/**
 * The owner's ledger history: every posting on their accounts (time, account, currency, amount in or
 * out, balance after, what held after, kind, reference), filtered, as rows for pages and JSON or as CSV.
 */
@Service
public class Statements {

	public static final List<String> COLUMNS = List.of("time", "account", "currency", "direction", "amount", "kind",
			"phase", "balanceAfter", "heldAfter", "transferId", "reference");

	private final Postings postings;

	private final Currencies currencies;

	Statements(Postings postings, Currencies currencies) {
		this.postings = postings;
		this.currencies = currencies;
	}

	/**
	 * The filters a person may set; each absent one does not filter.
	 *
	 * @param limit how many, newest first, at most {@link Postings#MAX_PAGE}
	 */
	public record Filter(@Nullable String currency, @Nullable String account, @Nullable Instant from,
			@Nullable Instant until, int limit) {
	}

	/** The rows, or the refusal of a filter that names an unknown currency or account type. */
	public Result rows(UUID ownerId, Filter filter) {
		String currency = null;
		if (filter.currency() != null && !filter.currency().isBlank()) {
			Optional<Currency> known = this.currencies.find(filter.currency());
			if (known.isEmpty()) {
				return new Result.Refused(AssetsRejection.CURRENCY_UNKNOWN);
			}
			currency = known.get().code();
		}
		LedgerAccountType type = null;
		if (filter.account() != null && !filter.account().isBlank()) {
			Optional<LedgerAccountType> known = LedgerAccountType.customer(filter.account());
			if (known.isEmpty()) {
				return new Result.Refused(AssetsRejection.ACCOUNT_TYPE_INVALID);
			}
			type = known.get();
		}
		List<Map<String, @Nullable Object>> rows = this.postings
			.of(ownerId, currency, type, filter.from(), filter.until(), filter.limit())
			.stream()
			.map(this::row)
			.toList();
		return new Result.Rows(rows);
	}

	public static String csv(List<Map<String, @Nullable Object>> rows) {
		return Csv.table(COLUMNS, rows);
	}

	private Map<String, @Nullable Object> row(Posting p) {
		int scale = this.currencies.find(p.currency()).map(Currency::scale).orElse(0);
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("time", p.at().toString());
		out.put("account", p.type().wireName());
		out.put("currency", p.currency());
		out.put("direction", p.direction().name().toLowerCase(Locale.ROOT));
		out.put("amount", Amounts.format(p.amount(), scale));
		out.put("kind", p.kind());
		out.put("phase", p.phase().toLowerCase(Locale.ROOT));
		out.put("balanceAfter", Amounts.format(p.balanceAfter(), scale));
		out.put("heldAfter", Amounts.format(p.heldAfter(), scale));
		out.put("transferId", p.transferId().toString());
		out.put("reference", p.reference());
		return out;
	}

	public sealed interface Result {

		record Rows(List<Map<String, @Nullable Object>> rows) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
