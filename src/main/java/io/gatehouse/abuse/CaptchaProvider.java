package io.gatehouse.abuse;

import io.gatehouse.kernel.ClientIp;

/** One CAPTCHA service: checks a solution for an action. Single use is enforced by {@link CaptchaService}. */
interface CaptchaProvider {

	Verdict verify(String solution, CaptchaAction action, ClientIp ip);

	enum Verdict {
		/** Solved, for this action, in time. */
		PASSED,
		/** Wrong, expired, or for another action. */
		FAILED,
		/** The provider could not be asked: the request is refused (fail closed). */
		UNAVAILABLE
	}
}
