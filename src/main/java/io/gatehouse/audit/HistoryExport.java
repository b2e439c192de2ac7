package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** A person's own security events as CSV or JSON-ready maps, for display and download. */
@Component
public class HistoryExport {

	static final int MAX_EXPORT = 10_000;

	private static final String[] COLUMNS = { "time", "event", "outcome", "reason", "ip", "factor", "device" };

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

	/**
	 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (leading = + - @ tab CR) are
	 * prefixed with a quote, so an attacker-chosen User-Agent cannot become a formula in the owner's
	 * spreadsheet.
	 */
	public String csv(UUID accountId) {
		StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
		for (Map<String, @Nullable Object> row : all(accountId)) {
			for (int i = 0; i < COLUMNS.length; i++) {
				if (i > 0) {
					out.append(',');
				}
				Object value = row.get(COLUMNS[i]);
				out.append(cell(value == null ? "" : value.toString()));
			}
			out.append("\r\n");
		}
		return out.toString();
	}

	private static Map<String, @Nullable Object> row(SecurityEvent e) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("time", e.occurredAt().toString());
		out.put("event", e.type());
		out.put("outcome", e.outcome());
		out.put("reason", e.reason());
		out.put("ip", e.ip());
		out.put("factor", e.factor());
		out.put("device", e.userAgent());
		return out;
	}

	static String cell(String value) {
		String v = value;
		if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
			v = "'" + v;
		}
		if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
			v = "\"" + v.replace("\"", "\"\"") + "\"";
		}
		return v;
	}
}
