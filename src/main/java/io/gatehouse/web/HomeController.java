package io.gatehouse.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: signed-in people go to their account, everyone else sees sign-in and sign-up. */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		boolean signedIn = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getPrincipal());
		return signedIn ? "redirect:/account" : "home";
	}
}
