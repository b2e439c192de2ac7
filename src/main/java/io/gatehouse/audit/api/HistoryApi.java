package io.gatehouse.audit.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.audit.ChainExport;
import io.gatehouse.audit.HistoryExport;
import io.gatehouse.audit.HistoryFilter;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own security events and sign-in history. Only ever the caller's. */
@RestController
@RequestMapping("/api/v1/me")
class HistoryApi {

	private static final int MAX_PAGE_SIZE = 100;

	private final HistoryExport history;

	private final ChainExport chain;

	HistoryApi(HistoryExport history, ChainExport chain) {
		this.history = history;
		this.chain = chain;
	}

	/**
	 * @param type {@code all} (default: everything but internal bookkeeping), {@code sign_in}, {@code security},
	 *     {@code money}, {@code failures}, or {@code all_events} (bookkeeping included)
	 */
	@GetMapping("/events")
	ResponseEntity<?> events(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "all") String type, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		Optional<HistoryFilter> filter = HistoryFilter.of(type);
		if (filter.isEmpty()) {
			return ResponseEntity.badRequest()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.detail("history_filter_unknown", HttpStatus.BAD_REQUEST,
						"type is one of all, sign_in, security, money, failures, all_events."));
		}
		int p = Math.max(0, Math.min(page, 10_000));
		int s = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
		return ResponseEntity.ok(Map.of("page", p, "size", s, "type", filter.get().wireName(),
				"events", this.history.rows(session.accountId(), filter.get(), p, s)));
	}

	@GetMapping(path = "/events/export", produces = { "text/csv", MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<?> export(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "json") String format) {
		boolean csv = "csv".equals(format);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(
				ContentDisposition.attachment().filename("gatehouse-security-events." + (csv ? "csv" : "json")).build());
		if (csv) {
			headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
			return new ResponseEntity<>(this.history.csv(session.accountId()), headers, 200);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		// The whole chain with a checkpoint signed for it, checkable offline (docs/audit.md).
		return new ResponseEntity<>(this.chain.of(session.accountId()), headers, 200);
	}
}
