package io.gatehouse.factor.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.RequestContexts;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * Security verification on a money or key page (withdrawals, the address book, API keys): the form carries the proof the server asks for (a passkey's answer
 * or an authenticator code; the password only for an account with neither), one request verifies it for
 * this action and these parameters and moves the browser to the rotated session; the action then spends the
 * proof with the trading password (and the email code) in its own transaction.
 */
@Component
@NamedInterface("web")
public class PageProofs {

	private final StepUp stepUp;

	private final SessionCookies cookies;

	private final RequestContexts contexts;

	PageProofs(StepUp stepUp, SessionCookies cookies, RequestContexts contexts) {
		this.stepUp = stepUp;
		this.cookies = cookies;
		this.contexts = contexts;
	}

	/**
	 * @param proof the proof to spend, or null when verification failed
	 * @param session the session that holds the browser now
	 * @param error why verification failed, for the page
	 */
	public record Proof(@Nullable String proof, Actor.Customer session, @Nullable String error) {

		@Override
		public String toString() {
			return "Proof[<redacted>]";
		}
	}

	public Proof verify(Actor.Customer session, StepUpAction action, Map<String, String> params, HttpServletRequest request,
			HttpServletResponse response) {
		StepUp.PasskeyAnswer passkey = StepUp.PasskeyAnswer.fromForm(request.getParameter("challengeId"),
				request.getParameter("credential"));
		return switch (this.stepUp.verify(session, action, params, request.getParameter("code"),
				request.getParameter("password"), passkey, this.contexts.of(request))) {
			case StepUp.Result.Verified v -> {
				this.cookies.writeRotated(response, v.session());
				yield new Proof(v.proof(), new Actor.Customer(session.accountId(), v.session().sessionId()), null);
			}
			case StepUp.Result.Refused r -> new Proof(null, session, r.rejection().message());
		};
	}

	public List<String> factors(UUID accountId) {
		return this.stepUp.allowedFactors(accountId);
	}
}
