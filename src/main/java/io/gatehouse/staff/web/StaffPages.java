package io.gatehouse.staff.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.account.Account;
import io.gatehouse.audit.HistoryFilter;
import io.gatehouse.audit.SecurityEventLog;
import io.gatehouse.kernel.Actor;
import io.gatehouse.staff.StaffMemberService;
import io.gatehouse.staff.StaffSignIn;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff console: passkey sign-in and enrolment, the home page, and the support view of an account
 * (status, factors, sessions, events; freeze, revoke sessions; the high-value flag for admins). Staff see
 * no secret here and can set none; every action is a security event naming them.
 */
@Controller
class StaffPages {

	static final String ENROL_COOKIE = "__Host-gh_staff_enrol";

	private final StaffSignIn signIn;

	private final StaffMemberService members;

	private final StaffSupport support;

	private final SecurityEventLog eventLog;

	private final RequestContexts contexts;

	private final JsonMapper json;

	StaffPages(StaffSignIn signIn, StaffMemberService members, StaffSupport support, SecurityEventLog eventLog,
			RequestContexts contexts,
			JsonMapper json) {
		this.signIn = signIn;
		this.members = members;
		this.support = support;
		this.eventLog = eventLog;
		this.contexts = contexts;
		this.json = json;
	}

	// ---- sign-in and enrolment -------------------------------------------------------------------

	@GetMapping("/staff/signin")
	String signInPage(HttpServletResponse response, Model model) {
		noStore(response);
		StaffSignIn.Options options = this.signIn.signInOptions();
		model.addAttribute("challengeId", options.challengeId());
		model.addAttribute("options", this.json.writeValueAsString(options.publicKey()));
		return "staff/signin";
	}

	@PostMapping("/staff/signin")
	String signIn(@RequestParam(defaultValue = "") String challengeId, @RequestParam(defaultValue = "") String credential,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<StaffSignIn.Issued> issued = parseUuid(challengeId)
			.flatMap(id -> this.signIn.signIn(id, credential, this.contexts.of(request)));
		if (issued.isEmpty()) {
			response.setStatus(401);
			model.addAttribute("error", "That passkey did not sign you in. Use the passkey registered for the console.");
			StaffSignIn.Options options = this.signIn.signInOptions();
			model.addAttribute("challengeId", options.challengeId());
			model.addAttribute("options", this.json.writeValueAsString(options.publicKey()));
			return "staff/signin";
		}
		cookie(response, StaffAuthenticationFilter.COOKIE, issued.get().token(), Duration.ofHours(8));
		return "redirect:/staff";
	}

	@GetMapping(path = "/staff/enrol", params = "token")
	String enrolLink(@RequestParam String token, HttpServletResponse response) {
		noStore(response);
		if (token.length() <= 64) {
			cookie(response, ENROL_COOKIE, token, Duration.ofMinutes(30));
		}
		return "redirect:/staff/enrol";
	}

	@GetMapping("/staff/enrol")
	String enrolPage(HttpServletRequest request, HttpServletResponse response, Model model) {
		noStore(response);
		Optional<StaffSignIn.Options> options = enrolToken(request).flatMap(this.signIn::enrolmentOptions);
		if (options.isEmpty()) {
			model.addAttribute("error", "This enrolment link does not work: it may have been used or expired. Ask an admin for a new one.");
			return "staff/enrol";
		}
		model.addAttribute("challengeId", options.get().challengeId());
		model.addAttribute("options", this.json.writeValueAsString(options.get().publicKey()));
		return "staff/enrol";
	}

	@PostMapping("/staff/enrol")
	String enrol(@RequestParam(defaultValue = "") String challengeId, @RequestParam(defaultValue = "") String credential,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		noStore(response);
		String token = enrolToken(request).orElse("");
		boolean done = parseUuid(challengeId)
			.map(id -> this.signIn.enrol(token, id, credential, this.contexts.of(request)))
			.orElse(false);
		if (!done) {
			response.setStatus(400);
			return enrolPage(request, response, model.addAttribute("retry", true));
		}
		cookie(response, ENROL_COOKIE, "", Duration.ZERO);
		return "redirect:/staff/signin?enrolled";
	}

	@PostMapping("/staff/signout")
	String signOut(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response) {
		this.signIn.signOut(member);
		cookie(response, StaffAuthenticationFilter.COOKIE, "", Duration.ZERO);
		return "redirect:/staff/signin";
	}

	// ---- console ---------------------------------------------------------------------------------

	@GetMapping("/staff")
	String home(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		noStore(response);
		model.addAttribute("member", member);
		model.addAttribute("roles", StaffAuthenticationFilter.roles(member));
		return "staff/home";
	}

	/** Support: find an account by its email or phone. */
	@GetMapping("/staff/accounts")
	String find(@AuthenticationPrincipal Actor.Staff member, @RequestParam(defaultValue = "") String q,
			HttpServletResponse response, Model model) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Forbidden.page(member, response, model);
		}
		Optional<Account> account = this.support.find(member, q);
		if (account.isEmpty()) {
			model.addAttribute("member", member);
			model.addAttribute("roles", StaffAuthenticationFilter.roles(member));
			model.addAttribute("error", "No account has that email or phone number.");
			return "staff/home";
		}
		return "redirect:/staff/accounts/" + account.get().id();
	}

	@GetMapping("/staff/accounts/{id}")
	String account(@AuthenticationPrincipal Actor.Staff member, @PathVariable String id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		noStore(response);
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Forbidden.page(member, response, model);
		}
		Optional<StaffSupport.AccountView> view = parseUuid(id)
			.flatMap(accountId -> this.support.view(member, accountId, this.contexts.of(request)));
		if (view.isEmpty()) {
			response.setStatus(404);
			model.addAttribute("member", member);
			model.addAttribute("roles", StaffAuthenticationFilter.roles(member));
			model.addAttribute("error", "No such account.");
			return "staff/home";
		}
		Account a = view.get().account();
		model.addAttribute("member", member);
		model.addAttribute("account", a);
		model.addAttribute("highValue", view.get().highValue());
		model.addAttribute("locked", view.get().locked());
		model.addAttribute("factors", view.get().factors());
		model.addAttribute("sessions", view.get().sessions());
		model.addAttribute("events", this.eventLog.page(a.id(), HistoryFilter.ALL_EVENTS, 0, 50));
		return "staff/account";
	}

	@PostMapping("/staff/accounts/{id}/freeze")
	String freeze(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request) {
		this.support.freeze(member, id, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id;
	}

	@PostMapping("/staff/accounts/{id}/revoke-sessions")
	String revokeSessions(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		this.support.revokeSessions(member, id, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id;
	}

	/** Support: password sign-in stays locked until the owner (or staff) unlocks it; sessions end. */
	@PostMapping("/staff/accounts/{id}/lock")
	String lock(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request) {
		this.support.lock(member, id, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id;
	}

	@PostMapping("/staff/accounts/{id}/unlock")
	String unlock(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request) {
		this.support.unlock(member, id, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id;
	}

	/** Support: sends the owner a reset link (or code); staff never see or set the password. */
	@PostMapping("/staff/accounts/{id}/password-reset")
	String startReset(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request) {
		this.support.startPasswordReset(member, id, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id + "?resetSent";
	}

	/** Admin: flags an account whose recovery needs two reviewers. */
	@PostMapping("/staff/accounts/{id}/high-value")
	String highValue(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean value, HttpServletRequest request) {
		this.support.setHighValue(member, id, value, this.contexts.of(request));
		return "redirect:/staff/accounts/" + id;
	}

	// ---- staff administration (admins) ---------------------------------------------------------

	@GetMapping("/staff/members")
	String members(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		noStore(response);
		if (!member.has(Actor.Staff.Role.ADMIN)) {
			return Forbidden.page(member, response, model);
		}
		model.addAttribute("member", member);
		model.addAttribute("staff", this.members.all());
		model.addAttribute("allRoles", Actor.Staff.Role.values());
		return "staff/members";
	}

	/** A new member; the enrolment link is shown this once, for the admin to hand over in person. */
	@PostMapping("/staff/members")
	String create(@AuthenticationPrincipal Actor.Staff member, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String name, @RequestParam(name = "roles", required = false) List<String> roles,
			HttpServletResponse response, Model model) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		Optional<Set<Actor.Staff.Role>> parsed = StaffMemberService
			.parseRoles(roles == null ? "" : String.join(",", roles));
		Optional<StaffMemberService.Created> created = parsed
			.flatMap(r -> this.members.create(username.strip(), name.strip(), r, member.auditName()));
		if (created.isEmpty()) {
			response.setStatus(400);
			model.addAttribute("error", "Choose a username of 2 to 32 lower-case letters, digits, dots, dashes or "
					+ "underscores that no one has, a name, and at least one role.");
			return members(member, response, model);
		}
		model.addAttribute("enrolmentFor", created.get().member().username());
		model.addAttribute("enrolmentLink", created.get().enrolmentLink());
		return members(member, response, model);
	}

	@PostMapping("/staff/members/{id}/roles")
	String roles(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(name = "roles", required = false) List<String> roles, HttpServletResponse response,
			Model model) {
		StaffSupport.requireRole(member, Actor.Staff.Role.ADMIN);
		StaffMemberService.Change change = StaffMemberService.parseRoles(roles == null ? "" : String.join(",", roles))
			.map(r -> this.members.changeRoles(member, id, r))
			.orElse(StaffMemberService.Change.INVALID);
		return afterChange(member, change, response, model);
	}

	@PostMapping("/staff/members/{id}/disable")
	String disable(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "true") boolean disabled, HttpServletResponse response, Model model) {
		return afterChange(member, this.members.setDisabled(member, id, disabled), response, model);
	}

	@PostMapping("/staff/members/{id}/enrolment")
	String reissue(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletResponse response,
			Model model) {
		Optional<String> link = this.members.reissueEnrolment(member, id);
		if (link.isEmpty()) {
			return afterChange(member, StaffMemberService.Change.NOT_FOUND, response, model);
		}
		model.addAttribute("enrolmentFor", this.members.find(id).map(StaffMemberService.Member::username).orElse(""));
		model.addAttribute("enrolmentLink", link.get());
		return members(member, response, model);
	}

	private String afterChange(Actor.Staff member, StaffMemberService.Change change, HttpServletResponse response,
			Model model) {
		if (change == StaffMemberService.Change.DONE) {
			return "redirect:/staff/members";
		}
		response.setStatus(change == StaffMemberService.Change.NOT_FOUND ? 404 : 400);
		model.addAttribute("error", switch (change) {
			case SELF -> "You cannot disable yourself or remove your own admin role: ask another admin.";
			case INVALID -> "Choose at least one role.";
			default -> "No such staff member, or nothing to change.";
		});
		return members(member, response, model);
	}

	/** Anything that slipped past a page's own role check. */
	@org.springframework.web.bind.annotation.ExceptionHandler(StaffSupport.RoleMissing.class)
	String roleMissing(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		return Forbidden.page(member, response, model);
	}


	private static Optional<String> enrolToken(HttpServletRequest request) {
		return SecretCookies.read(request, ENROL_COOKIE);
	}

	private static Optional<UUID> parseUuid(String text) {
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static void cookie(HttpServletResponse response, String name, String value, Duration maxAge) {
		SecretCookies.set(response, name, value, maxAge);
	}

	private static void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}
}
