package io.gatehouse.notify.web;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.notify.DevMailboxView;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /dev/mailbox}: the messages the development mailbox caught, newest first. Exists only when a
 * channel delivers to the development mailbox, outside production, for loopback clients; otherwise 404.
 */
@Controller
class DevMailboxPage {

	private final DevMailboxView mailbox;

	DevMailboxPage(DevMailboxView mailbox) {
		this.mailbox = mailbox;
	}

	/**
	 * Only for a browser on this machine: the page shows everyone's codes, so even a development server
	 * reachable from a network (say, one that forgot gatehouse.environment=production) keeps it local.
	 */
	@GetMapping("/dev/mailbox")
	String mailbox(HttpServletRequest request, Model model) {
		if (!this.mailbox.isEnabled() || !isLoopback(request.getRemoteAddr())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("messages", this.mailbox.latest(50));
		return "notify/mailbox";
	}

	private static boolean isLoopback(String address) {
		return ClientIp.of(address).address().isLoopbackAddress();
	}
}
