package io.gatehouse.audit;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Csv;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV export cells: RFC 4180 quoting and no spreadsheet formula from attacker-chosen text. */
class HistoryExportTests {

	@Test
	void cellWhenFormulaThenPrefixedWithQuote() {
		assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(Csv.cell("+1")).isEqualTo("'+1");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
	}

	@Test
	void cellWhenCommaOrNewlineThenQuoted() {
		assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(Csv.cell("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
		assertThat(Csv.cell("plain")).isEqualTo("plain");
	}
}
