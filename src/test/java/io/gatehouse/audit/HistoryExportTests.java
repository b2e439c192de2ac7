package io.gatehouse.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV export cells: RFC 4180 quoting and no spreadsheet formula from attacker-chosen text. */
class HistoryExportTests {

	@Test
	void cellWhenFormulaThenPrefixedWithQuote() {
		assertThat(HistoryExport.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(HistoryExport.cell("+1")).isEqualTo("'+1");
		assertThat(HistoryExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
	}

	@Test
	void cellWhenCommaOrNewlineThenQuoted() {
		assertThat(HistoryExport.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(HistoryExport.cell("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
		assertThat(HistoryExport.cell("plain")).isEqualTo("plain");
	}
}
