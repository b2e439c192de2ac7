package io.gatehouse.session.web;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.session.SessionProperties;
import io.gatehouse.session.SessionService.IssuedSession;
import io.gatehouse.web.CustomerChains;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the session and device cookies: {@code __Host-} prefixed, Secure, HttpOnly,
 * SameSite=Lax, Path=/, no Domain. Browsers accept Secure cookies from http://localhost, so the
 * development server works unchanged.
 */
@NamedInterface("web")
@Component
public class SessionCookies {

	/** The CSRF token's cookie (double-submit); a new sign-in drops it so the signed-in pages get a fresh one. */
	public static final String CSRF_COOKIE = CustomerChains.CSRF_COOKIE;

	private final SessionProperties properties;

	SessionCookies(SessionProperties properties) {
		this.properties = properties;
	}

	public void write(HttpServletResponse response, IssuedSession session) {
		ResponseCookie.ResponseCookieBuilder cookie = base(this.properties.cookieName(), session.token());
		if (session.rememberMe()) {
			cookie.maxAge(this.properties.rememberMeTimeout());
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
		response.addHeader(HttpHeaders.SET_COOKIE, base(this.properties.deviceCookieName(), session.deviceToken())
			.maxAge(this.properties.deviceCookieMaxAge())
			.build()
			.toString());
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(CSRF_COOKIE, "")
			.path("/")
			.secure(true)
			.httpOnly(true)
			.sameSite("Strict")
			.maxAge(Duration.ZERO)
			.build()
			.toString());
	}

	/** Replaces the session cookie after a rotation; the device cookie stays as it is. */
	public void writeRotated(HttpServletResponse response, IssuedSession session) {
		ResponseCookie.ResponseCookieBuilder cookie = base(this.properties.cookieName(), session.token());
		if (session.rememberMe()) {
			cookie.maxAge(this.properties.rememberMeTimeout());
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
	}

	public void clearSession(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				base(this.properties.cookieName(), "").maxAge(Duration.ZERO).build().toString());
	}

	public Optional<String> sessionToken(HttpServletRequest request) {
		return read(request, this.properties.cookieName());
	}

	public Optional<String> deviceToken(HttpServletRequest request) {
		return read(request, this.properties.deviceCookieName());
	}

	private static Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	private static ResponseCookie.ResponseCookieBuilder base(String name, String value) {
		return ResponseCookie.from(name, value).path("/").secure(true).httpOnly(true).sameSite("Lax");
	}
}
