package io.gatehouse.kernel;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV for the owner's downloads. Cells that a spreadsheet would run as a formula (leading
 * = + - @ tab CR) are prefixed with a quote, so text an attacker chose (a User-Agent, a reference) cannot
 * become a formula in the owner's spreadsheet.
 */
public final class Csv {

	private Csv() {
	}

	/** A header line of the columns, then one line per row with the cells of those columns. */
	public static String table(List<String> columns, List<Map<String, @Nullable Object>> rows) {
		StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
		for (Map<String, @Nullable Object> row : rows) {
			for (int i = 0; i < columns.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				Object value = row.get(columns.get(i));
				out.append(cell(value == null ? "" : value.toString()));
			}
			out.append("\r\n");
		}
		return out.toString();
	}

	public static String cell(String value) {
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
