package io.gatehouse.notify.web;

import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.notify.InAppNotifications;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /account/notifications}: the messages sent to the account, newest first, and marking them read. */
@Controller
class NotificationPages {

	private static final int PAGE_SIZE = 50;

	private final InAppNotifications notifications;

	NotificationPages(InAppNotifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/account/notifications")
	String list(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int p = Math.max(0, Math.min(page, 10_000));
		model.addAttribute("notifications", this.notifications.page(session.accountId(), p, PAGE_SIZE));
		model.addAttribute("page", p);
		model.addAttribute("pageSize", PAGE_SIZE);
		return "notify/notifications";
	}

	@PostMapping("/account/notifications/read")
	@RegionCapability(RegionAccess.Capability.VIEW)
	String markAllRead(@AuthenticationPrincipal Actor.Customer session) {
		this.notifications.markAllRead(session.accountId());
		return "redirect:/account/notifications?read";
	}
}
