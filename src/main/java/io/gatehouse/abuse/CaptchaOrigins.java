package io.gatehouse.abuse;

import java.util.Set;

import io.gatehouse.web.ThirdPartyOrigins;

import org.springframework.stereotype.Component;

/** Cloudflare's origin for its Turnstile script and frame, only when Turnstile is the CAPTCHA provider. */
@Component
class CaptchaOrigins implements ThirdPartyOrigins {

	static final String TURNSTILE = "https://challenges.cloudflare.com";

	private final CaptchaProperties properties;

	CaptchaOrigins(CaptchaProperties properties) {
		this.properties = properties;
	}

	@Override
	public Set<String> origins() {
		return this.properties.provider() == CaptchaProperties.Provider.TURNSTILE ? Set.of(TURNSTILE) : Set.of();
	}
}
