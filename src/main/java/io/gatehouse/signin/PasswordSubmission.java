package io.gatehouse.signin;

import org.jspecify.annotations.Nullable;

/**
 * What a client sends at the password step.
 *
 * @param deviceToken the browser's or app's device token, if it has one
 * @param captcha a solved CAPTCHA, when the client was asked for one
 * @param totpCode the authenticator app's code, when the client sends the second factor with the
 *     password; it is looked at only once the password was right and the account has the app
 */
public record PasswordSubmission(String identifier, String password, boolean rememberMe, @Nullable String deviceToken,
		@Nullable String captcha, @Nullable String totpCode) {

	@Override
	public String toString() {
		return "PasswordSubmission[rememberMe=" + this.rememberMe + "]";
	}
}
