package io.gatehouse.abuse;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Turnstile as the CAPTCHA provider, the pages' Content Security Policy lets exactly Cloudflare's
 * origin load its script, show its frame and be called; nothing else from outside.
 */
@IntegrationTest
@TestPropertySource(properties = { "gatehouse.captcha.provider=turnstile",
		"gatehouse.captcha.turnstile.site-key=1x00000000000000000000AA",
		"gatehouse.captcha.turnstile.secret=1x0000000000000000000000000000000AA" })
class TurnstileCspIntegrationTests extends ApiTest {

	@Test
	void pagesWhenTurnstileIsTheProviderThenItsOriginAndOnlyItsIsAllowed() {
		ApiClient.Response page = this.api.get("/signin", null);

		String csp = page.header("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self' https://challenges.cloudflare.com;")
			.contains("frame-src https://challenges.cloudflare.com;")
			.contains("connect-src 'self' https://challenges.cloudflare.com;")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("*");
	}
}
