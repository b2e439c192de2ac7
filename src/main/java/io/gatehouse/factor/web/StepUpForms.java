package io.gatehouse.factor.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.RequestContexts;

import org.springframework.stereotype.Component;

/**
 * Security verification on a page: the form carries the proof the server asks for (a passkey's answer,
 * an authenticator code, or the password), and one request verifies it, moves the browser to the rotated
 * session and spends the proof on the action at once.
 */
@Component
class StepUpForms {

	private final StepUp stepUp;

	private final SessionCookies cookies;

	private final RequestContexts contexts;

	StepUpForms(StepUp stepUp, SessionCookies cookies, RequestContexts contexts) {
		this.stepUp = stepUp;
		this.cookies = cookies;
		this.contexts = contexts;
	}

	Verification verifyAndConsume(Actor.Customer session, StepUpAction action, Map<String, String> params, String code,
			String password, HttpServletRequest request, HttpServletResponse response) {
		StepUp.Spent spent = this.stepUp.verifyAndSpend(session, action, params, code, password,
				StepUp.PasskeyAnswer.fromForm(request.getParameter("challengeId"), request.getParameter("credential")),
				this.contexts.of(request));
		if (spent.issued() != null) {
			this.cookies.writeRotated(response, spent.issued());
		}
		return new Verification(spent.refused() == null ? null : spent.refused().message(), spent.session());
	}

	/**
	 * @param error why verification failed, or null when the proof was issued and spent
	 * @param rotated the session the browser holds now
	 */
	record Verification(@Nullable String error, Actor.Customer rotated) {

		boolean failed() {
			return this.error != null;
		}
	}
}
