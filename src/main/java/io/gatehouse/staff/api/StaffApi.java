package io.gatehouse.staff.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.account.Account;
import io.gatehouse.audit.HistoryExport;
import io.gatehouse.audit.HistoryFilter;
import io.gatehouse.kernel.Actor;
import io.gatehouse.staff.StaffMemberService;
import io.gatehouse.staff.StaffSignIn;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff console as a JSON API, for scripts and tools: the same actions as the console's pages, through
 * the same services, with the same role checks and the same security events naming the member. A staff
 * session starts with a passkey only ({@code POST /staff/api/v1/signin/options}, then
 * {@code POST /staff/api/v1/signin} with the WebAuthn answer) and is then sent as
 * {@code Authorization: Bearer ghst_…}. Nothing here shows or sets a customer's password, code or secret;
 * email and phone are masked. Recovery review lives beside the recovery cases
 * ({@code recovery/api/ReviewApi}).
 */
@RestController
@RequestMapping(path = "/staff/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class StaffApi {

	private final StaffSignIn signIn;

	private final StaffMemberService members;

	private final StaffSupport support;

	private final HistoryExport history;

	private final RequestContexts contexts;

	private final JsonMapper json;

	StaffApi(StaffSignIn signIn, StaffMemberService members, StaffSupport support, HistoryExport history,
			RequestContexts contexts, JsonMapper json) {
		this.signIn = signIn;
		this.members = members;
		this.support = support;
		this.history = history;
		this.contexts = contexts;
		this.json = json;
	}

	// ---- session ---------------------------------------------------------------------------------

	/** A WebAuthn challenge for a console passkey: {@code {challengeId, publicKey}} for navigator.credentials.get. */
	@PostMapping("/signin/options")
	ResponseEntity<Map<String, Object>> signInOptions() {
		StaffSignIn.Options options = this.signIn.signInOptions();
		return noStore(HttpStatus.OK, Map.of("challengeId", options.challengeId(), "publicKey", options.publicKey()));
	}

	/** {@code {challengeId, credential}}: the passkey's answer; 201 with the session token, shown this once. */
	@PostMapping(path = "/signin", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> signIn(@Valid @RequestBody SignInRequest body, HttpServletRequest request) {
		Optional<StaffSignIn.Issued> issued = this.signIn.signIn(body.challengeId(),
				this.json.writeValueAsString(body.credential()), this.contexts.of(request));
		if (issued.isEmpty()) {
			return Problems.of(StaffRejection.SIGN_IN_FAILED);
		}
		Map<String, Object> out = me(issued.get().member());
		out.put("token", issued.get().token());
		return noStore(HttpStatus.CREATED, out);
	}

	@GetMapping("/me")
	ResponseEntity<Map<String, Object>> whoAmI(@AuthenticationPrincipal Actor.Staff member) {
		return noStore(HttpStatus.OK, me(member));
	}

	@PostMapping("/signout")
	ResponseEntity<Void> signOut(@AuthenticationPrincipal Actor.Staff member) {
		this.signIn.signOut(member);
		return ResponseEntity.noContent().build();
	}

	// ---- support: customer accounts ------------------------------------------------------------

	/**
	 * Support: {@code {identifier}}, an email or phone number; the account, as {@link #account} shows it. A
	 * POST, so that the customer's address never stands in a URL (nor in an access log).
	 */
	@PostMapping(path = "/accounts/search", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> find(@AuthenticationPrincipal Actor.Staff member, @Valid @RequestBody SearchRequest body,
			HttpServletRequest request) {
		return this.support.find(member, body.identifier())
			.<ResponseEntity<?>>map(a -> account(member, a.id(), request))
			.orElseGet(() -> Problems.of(StaffRejection.ACCOUNT_NOT_FOUND));
	}

	/** Support: an account's state, factor kinds, live sessions and latest 50 events; the viewing is recorded. */
	@GetMapping("/accounts/{id}")
	ResponseEntity<?> account(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.support.view(member, id, this.contexts.of(request))
			.<ResponseEntity<?>>map(v -> noStore(HttpStatus.OK, view(v)))
			.orElseGet(() -> Problems.of(StaffRejection.ACCOUNT_NOT_FOUND));
	}

	/** Support: ends every session of the account; {@code {revoked: n}}. */
	@PostMapping("/accounts/{id}/session-revocations")
	ResponseEntity<?> revokeSessions(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		if (this.support.find(member, id).isEmpty()) {
			return Problems.of(StaffRejection.ACCOUNT_NOT_FOUND);
		}
		return ResponseEntity.ok(Map.of("revoked", this.support.revokeSessions(member, id, this.contexts.of(request))));
	}

	/** Support: password sign-in stays locked until the owner's unlock flow or staff lift it; sessions end. */
	@PostMapping("/accounts/{id}/lock")
	ResponseEntity<?> lock(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		return state(member, id, request, () -> this.support.lock(member, id, this.contexts.of(request)));
	}

	@PostMapping("/accounts/{id}/unlock")
	ResponseEntity<?> unlock(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		return state(member, id, request, () -> this.support.unlock(member, id, this.contexts.of(request)));
	}

	@PostMapping("/accounts/{id}/freeze")
	ResponseEntity<?> freeze(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		return state(member, id, request, () -> this.support.freeze(member, id, this.contexts.of(request)));
	}

	/** Support: the owner gets a reset link (or code) on their own channel; 202, and staff never see it. */
	@PostMapping("/accounts/{id}/password-resets")
	ResponseEntity<?> startReset(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		if (this.support.startPasswordReset(member, id, this.contexts.of(request))) {
			return ResponseEntity.accepted().body(Map.of("sentTo", "owner"));
		}
		return this.support.find(member, id).isPresent() ? Problems.of(StaffRejection.ACCOUNT_NOT_ACTIVE)
				: Problems.of(StaffRejection.ACCOUNT_NOT_FOUND);
	}

	/** Admin: {@code {highValue: true|false}}; a high-value account's recovery needs two reviewers. */
	@PutMapping(path = "/accounts/{id}/high-value", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> highValue(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@Valid @RequestBody HighValueRequest body, HttpServletRequest request) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		if (!this.support.setHighValue(member, id, body.highValue(), this.contexts.of(request))) {
			return Problems.of(StaffRejection.ACCOUNT_NOT_FOUND);
		}
		return ResponseEntity.ok(Map.of("highValue", body.highValue()));
	}

	/**
	 * After an action: the account's state, or 404. The action's own "nothing to do" (already locked, not
	 * locked, already frozen) is not an error: the state says how things stand.
	 */
	private ResponseEntity<?> state(Actor.Staff member, UUID id, HttpServletRequest request,
			BooleanSupplier action) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		Optional<Account> before = this.support.find(member, id);
		if (before.isEmpty()) {
			return Problems.of(StaffRejection.ACCOUNT_NOT_FOUND);
		}
		boolean changed = action.getAsBoolean();
		Account after = this.support.find(member, id).orElseThrow();
		return ResponseEntity.ok(Map.of("changed", changed, "status", after.status().name().toLowerCase(Locale.ROOT),
				"locked", this.support.isLocked(id)));
	}

	// ---- admin: staff members ------------------------------------------------------------------

	@GetMapping("/members")
	ResponseEntity<Map<String, Object>> listMembers(@AuthenticationPrincipal Actor.Staff member) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		return noStore(HttpStatus.OK, Map.of("members", this.members.all().stream().map(StaffApi::member).toList()));
	}

	/** {@code {username, name, roles: [...]}}; 201 with the one-time enrolment link, to hand over in person. */
	@PostMapping(path = "/members", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> createMember(@AuthenticationPrincipal Actor.Staff member, @Valid @RequestBody NewMember body) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		Optional<StaffMemberService.Created> created = roles(body.roles())
			.flatMap(r -> this.members.create(body.username().strip(), body.name().strip(), r, member.auditName()));
		if (created.isEmpty()) {
			return Problems.of(StaffRejection.MEMBER_INVALID);
		}
		Map<String, Object> out = member(created.get().member());
		out.put("enrolmentLink", created.get().enrolmentLink());
		return noStore(HttpStatus.CREATED, out);
	}

	/** {@code {roles: [...]}}. */
	@PutMapping(path = "/members/{id}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> changeRoles(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@Valid @RequestBody RolesRequest body) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		Optional<Set<Actor.Staff.Role>> roles = roles(body.roles());
		if (roles.isEmpty()) {
			return Problems.of(StaffRejection.ROLES_INVALID);
		}
		return changed(this.members.changeRoles(member, id, roles.get()), id);
	}

	@PostMapping("/members/{id}/disable")
	ResponseEntity<?> disable(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id) {
		return changed(this.members.setDisabled(member, id, true), id);
	}

	@PostMapping("/members/{id}/enable")
	ResponseEntity<?> enable(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id) {
		return changed(this.members.setDisabled(member, id, false), id);
	}

	/** Replaces the member's passkey: theirs, their sessions and older links stop; 201 with the new link. */
	@PostMapping("/members/{id}/enrolment")
	ResponseEntity<?> reissue(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		if (member.id().equals(id)) {
			return Problems.of(StaffRejection.SELF_CHANGE);
		}
		return this.members.reissueEnrolment(member, id)
			.<ResponseEntity<?>>map(link -> noStore(HttpStatus.CREATED, Map.of("enrolmentLink", link)))
			.orElseGet(() -> Problems.of(StaffRejection.MEMBER_NOT_FOUND));
	}

	private ResponseEntity<?> changed(StaffMemberService.Change change, UUID id) {
		return switch (change) {
			case DONE -> ResponseEntity.ok(member(this.members.find(id).orElseThrow()));
			case SELF -> Problems.of(StaffRejection.SELF_CHANGE);
			case INVALID -> Problems.of(StaffRejection.ROLES_INVALID);
			case NOT_FOUND -> Problems.of(StaffRejection.MEMBER_NOT_FOUND);
		};
	}

	/** A service found the role missing (every service checks again): 403, nothing done. */
	@ExceptionHandler(StaffSupport.RoleMissing.class)
	ResponseEntity<?> roleMissing() {
		return Problems.of(StaffRejection.ROLE_MISSING);
	}

	// ---- views -----------------------------------------------------------------------------------

	private static Optional<Set<Actor.Staff.Role>> roles(List<String> names) {
		return StaffMemberService.parseRoles(String.join(",", names));
	}

	private static Map<String, Object> me(Actor.Staff member) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", member.id());
		out.put("username", member.username());
		out.put("roles", wire(member.roles()));
		return out;
	}

	private static Map<String, Object> member(StaffMemberService.Member m) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", m.id());
		out.put("username", m.username());
		out.put("name", m.displayName());
		out.put("roles", wire(m.roles()));
		out.put("disabled", m.disabled());
		return out;
	}

	private static List<String> wire(Set<Actor.Staff.Role> roles) {
		return roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList();
	}

	private Map<String, @Nullable Object> view(StaffSupport.AccountView v) {
		Account a = v.account();
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", a.id());
		out.put("email", a.email() == null ? null : a.email().masked());
		out.put("phone", a.phone() == null ? null : a.phone().masked());
		out.put("status", a.status().name().toLowerCase(Locale.ROOT));
		out.put("country", a.country().code());
		out.put("kycLevel", a.kycLevel());
		out.put("highValue", v.highValue());
		out.put("locked", v.locked());
		out.put("secondFactors", v.factors());
		out.put("sessions", v.sessions().stream().map(s -> {
			Map<String, Object> session = new LinkedHashMap<>();
			session.put("id", s.id());
			session.put("ip", s.ip());
			session.put("userAgent", s.userAgent());
			session.put("signedInAt", s.createdAt().toString());
			session.put("lastSeenAt", s.lastSeenAt().toString());
			return session;
		}).toList());
		out.put("events", this.history.rows(a.id(), HistoryFilter.ALL_EVENTS, 0, 50));
		return out;
	}

	private static <T> ResponseEntity<T> noStore(HttpStatus status, T body) {
		return ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	record SignInRequest(@NotNull UUID challengeId, @NotNull ObjectNode credential) {
	}

	record SearchRequest(@NotNull String identifier) {
	}

	record HighValueRequest(@NotNull Boolean highValue) {
	}

	record NewMember(@NotNull String username, @NotNull String name, @NotNull List<String> roles) {
	}

	record RolesRequest(@NotNull List<String> roles) {
	}
}
