package io.gatehouse.audit.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.audit.ChainExport;
import io.gatehouse.audit.HistoryExport;
import io.gatehouse.audit.HistoryFilter;
import io.gatehouse.kernel.Actor;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in history and security events, with a CSV download and the JSON chain its owner can check. */
@Controller
class HistoryPages {

	private final HistoryExport history;

	private final ChainExport chain;

	private final JsonMapper json;

	HistoryPages(HistoryExport history, ChainExport chain, JsonMapper json) {
		this.history = history;
		this.chain = chain;
		this.json = json;
	}

	/** The filters the page offers, in order, with their labels. */
	private static final Map<HistoryFilter, String> FILTERS = filters();

	private static Map<HistoryFilter, String> filters() {
		Map<HistoryFilter, String> out = new LinkedHashMap<>();
		out.put(HistoryFilter.ALL, "Everything");
		out.put(HistoryFilter.SIGN_IN, "Sign-ins");
		out.put(HistoryFilter.SECURITY, "Security changes");
		out.put(HistoryFilter.MONEY, "Money");
		out.put(HistoryFilter.FAILURES, "Failures only");
		return out;
	}

	@GetMapping("/account/history")
	String history(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "all") String show, Model model) {
		int p = Math.max(0, Math.min(page, 10_000));
		HistoryFilter filter = HistoryFilter.of(show).filter(FILTERS::containsKey).orElse(HistoryFilter.ALL);
		model.addAttribute("events", this.history.rows(session.accountId(), filter, p, 50));
		model.addAttribute("page", p);
		model.addAttribute("show", filter.wireName());
		model.addAttribute("filters", FILTERS.entrySet().stream()
			.map(e -> Map.of("value", e.getKey().wireName(), "label", e.getValue()))
			.toList());
		return "audit/history";
	}

	@GetMapping("/account/history/export.csv")
	ResponseEntity<byte[]> csv(@AuthenticationPrincipal Actor.Customer session) {
		return download(this.history.csv(session.accountId()).getBytes(StandardCharsets.UTF_8), "csv",
				new MediaType("text", "csv", StandardCharsets.UTF_8));
	}

	@GetMapping("/account/history/export.json")
	ResponseEntity<byte[]> json(@AuthenticationPrincipal Actor.Customer session) {
		byte[] body = this.json.writeValueAsBytes(this.chain.of(session.accountId()));
		return download(body, "json", MediaType.APPLICATION_JSON);
	}

	private static ResponseEntity<byte[]> download(byte[] body, String extension, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		headers.setContentDisposition(
				ContentDisposition.attachment().filename("gatehouse-security-events." + extension).build());
		return new ResponseEntity<>(body, headers, 200);
	}
}
