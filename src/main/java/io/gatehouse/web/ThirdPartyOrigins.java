package io.gatehouse.web;

import java.util.Set;

/**
 * Origins outside Gatehouse that its pages must load scripts and frames from and talk to, such as the
 * configured CAPTCHA provider's. A module that needs one contributes a bean; the customer pages' Content
 * Security Policy then allows exactly these origins in {@code script-src}, {@code frame-src} and
 * {@code connect-src}, and nothing else beyond {@code 'self'}.
 */
public interface ThirdPartyOrigins {

	/** Origins such as {@code https://challenges.cloudflare.com}: scheme and host, no path. */
	Set<String> origins();
}
