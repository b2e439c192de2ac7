package io.gatehouse.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the first-party JSON API, served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

	@Bean
	OpenAPI gatehouseOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Gatehouse first-party API")
				.version("v1")
				.description("Sign-up, sign-in flows, sessions, password and security history. Errors are "
						+ "RFC 9457 problem+json documents with a stable 'code'."))
			.components(new Components().addSecuritySchemes("session",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Session token")));
	}
}
