package io.gatehouse.recovery.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The short-lived cookies that carry a recovery secret (a reset or freeze link's token, a recovery case)
 * once it has left the address bar: {@code __Host-}, HttpOnly, Secure, SameSite=Strict. Pages that hold
 * them are never cached and never send a Referer.
 */
final class RecoveryCookies {

	private RecoveryCookies() {
	}

	static void set(HttpServletResponse response, String name, String value, Duration maxAge) {
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, value)
			.httpOnly(true)
			.secure(true)
			.sameSite("Strict")
			.path("/")
			.maxAge(maxAge)
			.build()
			.toString());
	}

	static Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		return cookies == null ? Optional.empty()
				: Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(Cookie::getValue).findFirst();
	}

	static void clear(HttpServletResponse response, String name) {
		set(response, name, "", Duration.ZERO);
	}

	static void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}
}
