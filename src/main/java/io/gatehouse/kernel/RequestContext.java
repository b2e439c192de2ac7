package io.gatehouse.kernel;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, as recorded on security events and sessions.
 *
 * @param ip the trusted client address
 * @param userAgent the User-Agent header, cut to a bounded length
 */
public record RequestContext(ClientIp ip, String userAgent) {

	public static final int MAX_USER_AGENT = 512;

	public RequestContext {
		userAgent = bound(userAgent);
	}

	public static RequestContext of(ClientIp ip, @Nullable String userAgent) {
		return new RequestContext(ip, userAgent == null ? "" : userAgent);
	}

	private static String bound(String userAgent) {
		String s = userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
		StringBuilder clean = new StringBuilder(s.length());
		s.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(clean::appendCodePoint);
		return clean.toString();
	}
}
