package io.gatehouse.notify.web;

import io.gatehouse.notify.DevMailboxView;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /dev/mailbox}: the messages the development mailbox caught, newest first. Exists only when a
 * channel delivers to the development mailbox; otherwise 404.
 */
@Controller
class DevMailboxPage {

	private final DevMailboxView mailbox;

	DevMailboxPage(DevMailboxView mailbox) {
		this.mailbox = mailbox;
	}

	@GetMapping("/dev/mailbox")
	String mailbox(Model model) {
		if (!this.mailbox.isEnabled()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("messages", this.mailbox.latest(50));
		return "notify/mailbox";
	}
}
