package io.gatehouse.kernel;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, as recorded on security events and sessions.
 *
 * @param ip the trusted client address
 * @param userAgent the User-Agent header, cut to a bounded length
 * @param member the team member acting for the account, when it is not the account's owner; the security event
 * log names them as the actor
 */
public record RequestContext(ClientIp ip, String userAgent, @Nullable UUID member) {

	public static final int MAX_USER_AGENT = 512;

	public RequestContext {
		userAgent = bound(userAgent);
	}

	public RequestContext(ClientIp ip, String userAgent) {
		this(ip, userAgent, null);
	}

	public static RequestContext of(ClientIp ip, @Nullable String userAgent) {
		return new RequestContext(ip, userAgent == null ? "" : userAgent);
	}

	/** The same request, made by a team member for the team's account. */
	public RequestContext byMember(UUID memberId) {
		return new RequestContext(this.ip, this.userAgent, memberId);
	}

	private static String bound(String userAgent) {
		String s = userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
		StringBuilder clean = new StringBuilder(s.length());
		s.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(clean::appendCodePoint);
		return clean.toString();
	}
}
