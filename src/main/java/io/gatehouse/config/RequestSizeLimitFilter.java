package io.gatehouse.config;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.web.Problems;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized request bodies before anything reads them, so a 1 MB "password" costs nothing.
 * Bodies without a declared length (chunked) are refused too: none of our clients need them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** The forms that carry a support request's screenshots: a new request, or a reply, signed in or not. */
	private static final Pattern SUPPORT_UPLOAD = Pattern.compile(
			"/(account/)?support(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/reply)?");

	private final long maxBytes;

	private final JsonMapper json;

	private final long maxUploadBytes;

	RequestSizeLimitFilter(@Value("${gatehouse.http.max-request-body:64KB}") DataSize maxBody,
			@Value("${gatehouse.http.max-upload-body:6MB}") DataSize maxUpload, JsonMapper json) {
		this.maxBytes = maxBody.toBytes();
		this.maxUploadBytes = maxUpload.toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (length > limit(request.getRequestURI()) || chunked) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setHeader("Connection", "close");
			if (request.getRequestURI().startsWith("/api/")) {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				this.json.writeValue(response.getOutputStream(), Problems.detail("request_too_large",
						HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this service accepts."));
			}
			else {
				response.setContentType(MediaType.TEXT_PLAIN_VALUE);
				response.getWriter().write("The request is larger than this service accepts. Go back and try again.");
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Images are the only uploads: one identity photo per request for a recovery case, the ID document and the
	 * selfie together for a KYC application, up to five screenshots (2 MB each) with a support request or reply.
	 * Everything else is small.
	 */
	private long limit(String uri) {
		if (uri.equals("/api/v1/me/kyc") || uri.equals("/account/kyc") || SUPPORT_UPLOAD.matcher(uri).matches()) {
			return 2 * this.maxUploadBytes;
		}
		return uri.startsWith("/api/v1/recovery/case/documents/") || uri.equals("/recovery/case/documents")
				? this.maxUploadBytes : this.maxBytes;
	}
}
