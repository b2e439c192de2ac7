package io.gatehouse.abuse.api;

import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.web.Problems;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof-of-work challenges in the ALTCHA format, for the widget and for API clients: solve, then send
 * the base64 payload as {@code captcha} with the request for the same action. Each challenge is signed,
 * carries its action and expiry, and its solution is accepted once.
 */
@RestController
class CaptchaApi {

	private final CaptchaService captchas;

	CaptchaApi(CaptchaService captchas) {
		this.captchas = captchas;
	}

	@GetMapping("/api/v1/captcha/challenge")
	ResponseEntity<?> challenge(@RequestParam(defaultValue = "") String action) {
		return CaptchaAction.parse(action)
			.<ResponseEntity<?>>map(a -> this.captchas.challenge(a)
				.<ResponseEntity<?>>map(c -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(c))
				.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(Problems.detail("captcha_not_proof_of_work", HttpStatus.NOT_FOUND,
							"This server's CAPTCHA is not a proof-of-work; solve it in the browser widget."))))
			.orElseGet(() -> ResponseEntity.badRequest()
				.body(Problems.detail("captcha_action_unknown", HttpStatus.BAD_REQUEST,
						"action must be one of sign_in, sign_up, unlock, reset.")));
	}
}
