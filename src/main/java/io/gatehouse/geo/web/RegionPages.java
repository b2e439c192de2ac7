package io.gatehouse.geo.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.geo.Region;
import io.gatehouse.geo.RegionAccess.Capability;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What the region rules let this session do right now, as a page and through the API. The rules come
 * from {@link RegionGate}, decided for this very request.
 */
@Controller
class RegionPages {

	/** What each capability means to a person, in the order the page lists them. */
	private static final Map<Capability, String> PLAIN = new LinkedHashMap<>();

	static {
		PLAIN.put(Capability.VIEW, "See your account and its history");
		PLAIN.put(Capability.PROTECT, "Keep your account secure: sign out, end sessions, change your password, add a second factor");
		PLAIN.put(Capability.WITHDRAW, "Withdraw your funds");
		PLAIN.put(Capability.CONFIGURE, "Change other settings, such as your anti-phishing code");
		PLAIN.put(Capability.TRADE, "Trade");
		PLAIN.put(Capability.DEPOSIT, "Deposit funds");
		PLAIN.put(Capability.FUTURES_TRANSFER, "Transfer funds into your futures account");
		PLAIN.put(Capability.NEW_API_KEY, "Create API keys");
		PLAIN.put(Capability.KEY_READ, "Read your balances and history with an API key (its withdrawal calls stay)");
	}

	@GetMapping("/account/region")
	String page(HttpServletRequest request, Model model) {
		Region region = (Region) request.getAttribute(RegionGate.ATTRIBUTE);
		model.addAttribute("regionView", region);
		model.addAttribute("allowed", PLAIN.entrySet().stream().filter(e -> region.permits(e.getKey())).map(Map.Entry::getValue).toList());
		model.addAttribute("refusedHere", PLAIN.entrySet().stream().filter(e -> !region.permits(e.getKey())).map(Map.Entry::getValue).toList());
		model.addAttribute("ipCountryName", name(region.ipCountry()));
		model.addAttribute("declaredCountryName", name(region.declaredCountry()));
		return "geo/region";
	}

	@GetMapping("/api/v1/me/region")
	@ResponseBody
	ResponseEntity<Map<String, Object>> api(HttpServletRequest request) {
		return ResponseEntity.ok(view((Region) request.getAttribute(RegionGate.ATTRIBUTE)));
	}

	static Map<String, Object> view(Region region) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("access", region.access().wireName());
		out.put("ipCountry", region.ipCountry());
		out.put("declaredCountry", region.declaredCountry());
		out.put("decidedBy", region.decidedBy());
		out.put("allowed", capabilities(region, true));
		out.put("refused", capabilities(region, false));
		return out;
	}

	private static List<String> capabilities(Region region, boolean permitted) {
		return PLAIN.keySet().stream().filter(c -> region.permits(c) == permitted)
			.map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
	}

	private static String name(@org.jspecify.annotations.Nullable String country) {
		return country == null ? "unknown" : Locale.of("", country).getDisplayCountry(Locale.ENGLISH) + " (" + country + ")";
	}
}
