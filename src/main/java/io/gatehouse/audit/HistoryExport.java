package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.Location;
import io.gatehouse.kernel.Csv;

import org.springframework.stereotype.Component;

/** A person's own security events as CSV or JSON-ready maps, for display and download. */
@Component
public class HistoryExport {

	static final int MAX_EXPORT = 10_000;

	private static final List<String> COLUMNS = List.of("time", "event", "outcome", "reason", "ip", "location",
			"factor", "device");

	private final SecurityEventLog log;

	HistoryExport(SecurityEventLog log) {
		this.log = log;
	}

	public List<Map<String, @Nullable Object>> rows(UUID accountId, boolean signInsOnly, int page, int size) {
		List<Map<String, @Nullable Object>> out = new ArrayList<>();
		for (SecurityEvent e : this.log.page(accountId, signInsOnly, page, size)) {
			out.add(row(e));
		}
		return out;
	}

	public List<Map<String, @Nullable Object>> all(UUID accountId) {
		return rows(accountId, false, 0, MAX_EXPORT);
	}

	/** The owner's events as CSV ({@link Csv}: formula-looking cells are defused). */
	public String csv(UUID accountId) {
		return Csv.table(COLUMNS, all(accountId));
	}

	private static Map<String, @Nullable Object> row(SecurityEvent e) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("time", e.occurredAt().toString());
		out.put("event", e.type());
		out.put("outcome", e.outcome());
		out.put("reason", e.reason());
		out.put("ip", e.ip());
		out.put("country", e.country());
		out.put("city", e.city());
		out.put("location", e.ip() == null ? null : Location.placeName(e.city(), e.country()));
		out.put("factor", e.factor());
		out.put("device", e.userAgent());
		return out;
	}
}
