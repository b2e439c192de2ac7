package io.gatehouse.assets.web;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.assets.Deposits;
import io.gatehouse.assets.DevWallet;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /dev/wallet}: the development wallet's page, where a developer simulates a confirmed deposit to an
 * address Gatehouse gave out. Only when the development wallet is on (never in production), only for a
 * browser on this machine; otherwise 404.
 */
@Controller
class DevWalletPage {

	private final DevWallet wallet;

	private final RequestContexts contexts;

	DevWalletPage(DevWallet wallet, RequestContexts contexts) {
		this.wallet = wallet;
		this.contexts = contexts;
	}

	@GetMapping("/dev/wallet")
	String page(HttpServletRequest request, Model model) {
		requireLocal(request);
		model.addAttribute("given", this.wallet.given(20));
		return "assets/dev-wallet";
	}

	@PostMapping("/dev/wallet/deposits")
	String deposit(@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String chain,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String amount, HttpServletRequest request, Model model) {
		requireLocal(request);
		switch (this.wallet.simulate(currency, chain, address, memo, amount.strip())) {
			case Deposits.Result.Credited credited -> model.addAttribute("credited",
					credited.amount() + " " + currency + " credited to the address's owner.");
			case Deposits.Result.Refused refused -> model.addAttribute("error", refused.rejection().message());
		}
		return page(request, model);
	}

	private void requireLocal(HttpServletRequest request) {
		// The client as resolved through the trusted proxies, not the proxy's own loopback address.
		if (!this.wallet.isEnabled() || !this.contexts.of(request).ip().address().isLoopbackAddress()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}
}
