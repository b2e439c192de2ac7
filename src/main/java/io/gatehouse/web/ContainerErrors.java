package io.gatehouse.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The answers to requests that never reach a handler: those the security firewall rejects (a path with
 * {@code ..}, {@code ;}, {@code //} or an encoded NUL) and those the container refuses itself (a malformed
 * request line, a header over the limit). Both answer problem+json with a stable code, and an error page
 * for page paths, with the same security headers as every other answer: never the container's HTML page
 * or a stack trace.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

	/** The security headers every answer carries, repeated here because these answers bypass the chains. */
	static void secure(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	/** Whether the path is the JSON API's (or cannot be read at all): then problem+json, else a page. */
	static boolean wantsJson(@Nullable String path) {
		if (path == null) {
			return true;
		}
		String p = path.replaceAll("/{2,}", "/");
		return p.startsWith("/api/") || p.startsWith("/staff/api/") || p.startsWith("/internal/");
	}

	/** A plain error page for a browser: no script, no detail beyond what to do. */
	static String page(String title, String message) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
				+ " · Gatehouse</title></head><body><main><h1>" + title + "</h1><p>" + message
				+ "</p><p><a href=\"/\">Gatehouse home</a></p></main></body></html>";
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
		return (request, response, rejected) -> {
			secure(response);
			String message = "This address is not one Gatehouse accepts: no '..', ';', '//' or encoded control "
					+ "characters in the path.";
			if (wantsJson(request.getRequestURI())) {
				Problems.write(response, json, HttpStatus.BAD_REQUEST, "request_rejected", message);
			}
			else {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				response.setContentType("text/html;charset=UTF-8");
				response.getWriter().write(page("Bad request", message));
			}
		};
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorPages() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof Host host && host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ProblemErrorValve.class.getName());
			}
		});
	}

	/** Tomcat's own error answer, as problem+json: no HTML page, no server version, no stack trace. */
	public static class ProblemErrorValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			try {
				secure(response);
				HttpStatus known = HttpStatus.resolve(status);
				String title = known != null ? known.getReasonPhrase() : "Error";
				String code = status == 400 ? "bad_request" : status == 431 ? "headers_too_large" : "request_refused";
				String message = "The request could not be read: check its address and headers.";
				boolean json = wantsJson(request.getDecodedRequestURI());
				response.setContentType(json ? "application/problem+json" : "text/html");
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(json ? "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
							+ ",\"code\":\"" + code + "\",\"detail\":\"" + message + "\"}" : page(title, message));
					writer.flush();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The connection is gone or the answer was committed: nothing more to say.
			}
		}
	}
}
