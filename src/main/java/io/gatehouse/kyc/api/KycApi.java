package io.gatehouse.kyc.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kyc.Kyc;
import io.gatehouse.kyc.web.KycPhotos;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Identity verification through the JSON API: the account's level and its latest application, and applying
 * ({@code multipart/form-data} with {@code legalName}, {@code birthDate}, {@code country} and the photos
 * {@code idDocument} and {@code selfie}, JPEG or PNG).
 */
@RestController
@RequestMapping(path = "/api/v1/me/kyc", produces = MediaType.APPLICATION_JSON_VALUE)
class KycApi {

	private final Kyc kyc;

	private final Accounts accounts;

	private final RequestContexts contexts;

	KycApi(Kyc kyc, Accounts accounts, RequestContexts contexts) {
		this.kyc = kyc;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, @Nullable Object> status(@AuthenticationPrincipal Actor.Customer session) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("level", this.accounts.find(session.accountId()).map(a -> a.kycLevel()).orElse(0));
		out.put("application", this.kyc.latest(session.accountId()).map(KycApi::view).orElse(null));
		return out;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> apply(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "") String legalName, @RequestParam(defaultValue = "") String birthDate,
			@RequestParam(defaultValue = "") String country,
			@RequestPart(name = "idDocument", required = false) @Nullable MultipartFile idDocument,
			@RequestPart(name = "selfie", required = false) @Nullable MultipartFile selfie, HttpServletRequest request)
			throws IOException {
		return switch (this.kyc.submit(session.accountId(), new Kyc.Submission(legalName, birthDate, country,
				KycPhotos.of(idDocument), KycPhotos.of(selfie)), this.contexts.of(request))) {
			case Kyc.Result.Submitted s -> ResponseEntity.status(HttpStatus.CREATED).body(view(s.application()));
			case Kyc.Result.Refused r -> Problems.of(r.rejection());
		};
	}

	static Map<String, @Nullable Object> view(Kyc.Application a) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", a.id().toString());
		out.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
		out.put("country", a.country());
		out.put("level", a.level());
		out.put("reason", a.reason());
		out.put("submittedAt", a.submittedAt().toString());
		out.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
		return out;
	}
}
