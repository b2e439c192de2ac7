package io.gatehouse.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Cookies that carry a secret (a link's token once it has left the address bar, a recovery case, a staff
 * session): always {@code __Host-}-named by the caller, HttpOnly, Secure, SameSite=Strict, path /. Pages that
 * hold them are never cached and never send a Referer.
 */
public final class SecretCookies {

	private SecretCookies() {
	}

	public static void set(HttpServletResponse response, String name, String value, Duration maxAge) {
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, value)
			.httpOnly(true)
			.secure(true)
			.sameSite("Strict")
			.path("/")
			.maxAge(maxAge)
			.build()
			.toString());
	}

	public static Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		return cookies == null ? Optional.empty()
				: Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(Cookie::getValue).findFirst();
	}

	public static void clear(HttpServletResponse response, String name) {
		set(response, name, "", Duration.ZERO);
	}

	public static void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}
}
