package io.gatehouse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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

	private static SecurityEvent event(String type, Instant at, Map<String, String> details) {
		return new SecurityEvent(1, "chain", 1, UUID.randomUUID(), at, type, "success", null, "192.0.2.1", null, null,
				"Firefox", null, null, "account", details, 2, new byte[32], new byte[32], new byte[32]);
	}

	@Test
	void notesWhenTheSignInsAssessmentSawSignalsThenTheyReadInWords() {
		Instant at = Instant.parse("2026-12-07T10:00:00Z");
		SecurityEvent signIn = event("sign_in_succeeded", at, Map.of());
		SecurityEvent assessed = event("risk_assessed", at.minusSeconds(40),
				Map.of("signals", "new_asn,new_device", "score", "40"));
		SecurityEvent quiet = event("risk_assessed", at.minusSeconds(40), Map.of("signals", "", "score", "0"));
		SecurityEvent stale = event("risk_assessed", at.minus(Duration.ofMinutes(16)), Map.of("signals", "new_device"));

		assertThat(HistoryExport.notes(signIn, assessed)).isEqualTo("new network, new device");
		assertThat(HistoryExport.notes(signIn, quiet)).isEmpty();
		assertThat(HistoryExport.notes(signIn, stale)).as("another flow's assessment").isEmpty();
		assertThat(HistoryExport.notes(signIn, null)).isEmpty();
	}
}
