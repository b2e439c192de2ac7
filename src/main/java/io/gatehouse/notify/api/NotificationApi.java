package io.gatehouse.notify.api;

import java.util.List;
import java.util.UUID;

import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.notify.InAppNotifications;
import io.gatehouse.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notification list: every message sent to the account, by subject and channel, never its body. */
@RestController
@RequestMapping("/api/v1/me/notifications")
class NotificationApi {

	private static final int MAX_PAGE_SIZE = 100;

	private final InAppNotifications notifications;

	NotificationApi(InAppNotifications notifications) {
		this.notifications = notifications;
	}

	/** One page of notices, newest first, and how many are unread. */
	record Page(int page, int size, int unread, List<InAppNotifications.Notification> notifications) {
	}

	record Marked(int marked, int unread) {
	}

	@GetMapping
	Page list(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int p = Math.max(0, Math.min(page, 10_000));
		int s = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
		return new Page(p, s, this.notifications.unread(session.accountId()),
				this.notifications.page(session.accountId(), p, s));
	}

	@PostMapping("/{id}/read")
	@RegionCapability(RegionAccess.Capability.VIEW)
	ResponseEntity<?> markRead(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id) {
		if (!this.notifications.markRead(session.accountId(), id)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.detail("notification_not_found", HttpStatus.NOT_FOUND,
						"You have no notification with this id."));
		}
		return ResponseEntity.ok(new Marked(1, this.notifications.unread(session.accountId())));
	}

	@PostMapping("/read")
	@RegionCapability(RegionAccess.Capability.VIEW)
	Marked markAllRead(@AuthenticationPrincipal Actor.Customer session) {
		int marked = this.notifications.markAllRead(session.accountId());
		return new Marked(marked, this.notifications.unread(session.accountId()));
	}
}
