package io.gatehouse.web;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;

/** For interceptors that add to the signed-in layout: the page being rendered and the customer it is for. */
public final class SignedInPage {

	private SignedInPage() {
	}

	/** The signed-in customer, when the handler renders a page (not a redirect or a body) for one. */
	public static Optional<Actor.Customer> customer(@Nullable ModelAndView page) {
		if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
			return Optional.empty();
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Actor.Customer session ? Optional.of(session)
				: Optional.empty();
	}
}
