package io.gatehouse.account.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.gatehouse.account.Account;
import io.gatehouse.account.AccountRejection;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.CooldownService;
import io.gatehouse.account.PasswordChangeService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own account. */
@RestController
@RequestMapping("/api/v1/me")
class MeApi {

	private final Accounts accounts;

	private final PasswordChangeService passwords;

	private final RequestContexts contexts;

	private final CooldownService cooldowns;

	MeApi(Accounts accounts, PasswordChangeService passwords, RequestContexts contexts, CooldownService cooldowns) {
		this.cooldowns = cooldowns;
		this.accounts = accounts;
		this.passwords = passwords;
		this.contexts = contexts;
	}

	@GetMapping
	ResponseEntity<?> me(@AuthenticationPrincipal Actor.Customer session) {
		return this.accounts.find(session.accountId()).<ResponseEntity<?>>map(account -> {
			Map<String, Object> view = view(account);
			view.put("withdrawalsLockedUntil",
					this.cooldowns.lockedUntil(account.id()).map(Instant::toString).orElse(null));
			return ResponseEntity.ok(view);
		}).orElseGet(() -> Problems.of(AccountRejection.ACCOUNT_NOT_FOUND));
	}

	/** Changes the password; every other session is signed out. */
	@PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> changePassword(@AuthenticationPrincipal Actor.Customer session,
			@Valid @RequestBody ChangePasswordRequest body, HttpServletRequest request) {
		return this.passwords
			.change(session, body.currentPassword(), body.newPassword(), this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("status", "changed", "otherSessions", "revoked")));
	}

	static Map<String, Object> view(Account account) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", account.id());
		out.put("email", account.email() == null ? null : account.email().value());
		out.put("phone", account.phone() == null ? null : account.phone().value());
		out.put("country", account.country().code());
		out.put("kycLevel", account.kycLevel());
		out.put("status", account.status().name().toLowerCase(Locale.ROOT));
		out.put("createdAt", account.createdAt().toString());
		out.put("passwordChangedAt", account.passwordChangedAt().toString());
		return out;
	}

	record ChangePasswordRequest(@NotNull String currentPassword, @NotNull String newPassword) {

		@Override
		public String toString() {
			return "ChangePasswordRequest[<redacted>]";
		}
	}
}
