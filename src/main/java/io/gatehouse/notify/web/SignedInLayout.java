package io.gatehouse.notify.web;

import java.util.List;
import java.util.Optional;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.SignedInPage;
import io.gatehouse.notify.InAppNotifications;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the signed-in navigation shows on every page (fragments/layout.html): the unread notification count
 * ({@code unreadNotifications}), the account's identifier, masked ({@code signedInAs}), and which section the page
 * belongs to ({@code section}, marked current). Only rendered pages: JSON answers and redirects pay nothing.
 */
@Component
class SignedInLayout implements HandlerInterceptor, WebMvcConfigurer {

	/** Path prefixes of each section of the navigation; the first match wins, {@code /account} alone is the overview. */
	private static final List<Map.Entry<String, String>> SECTIONS = List.of(Map.entry("/account/api-keys", "api-keys"), Map.entry("/account/support", "support"), Map.entry("/account/team", "team"),
			Map.entry("/account/history", "activity"), Map.entry("/account/notifications", "activity"),
			Map.entry("/account/assets", "assets"), Map.entry("/account/transfer", "assets"),
			Map.entry("/account/deposit", "assets"), Map.entry("/account/withdraw", "assets"),
			Map.entry("/account/addresses", "assets"), Map.entry("/account/kyc", "assets"),
			Map.entry("/account/ledger", "assets"), Map.entry("/account/futures", "assets"),
			Map.entry("/account/", "security"));

	private final InAppNotifications notifications;

	private final Accounts accounts;

	SignedInLayout(InAppNotifications notifications, Accounts accounts) {
		this.notifications = notifications;
		this.accounts = accounts;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/account", "/account/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		Optional<Actor.Customer> signedIn = SignedInPage.customer(page);
		if (signedIn.isEmpty() || page == null) {
			return;
		}
		Actor.Customer session = signedIn.get();
		page.addObject("unreadNotifications", this.notifications.unread(session.accountId()));
		this.accounts.find(session.accountId())
			.flatMap(account -> account.identifiers().stream().findFirst())
			.map(Identifier::masked)
			.ifPresent(masked -> page.addObject("signedInAs", masked));
		page.addObject("section", section(request.getRequestURI().substring(request.getContextPath().length())));
	}

	static String section(String path) {
		if (path.equals("/account") || path.equals("/account/")) {
			return "overview";
		}
		for (Map.Entry<String, String> prefix : SECTIONS) {
			if (path.startsWith(prefix.getKey())) {
				return prefix.getValue();
			}
		}
		return "overview";
	}
}
