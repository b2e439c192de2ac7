package io.gatehouse.team.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.Statements;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.team.Members;
import io.gatehouse.team.SubAccounts;
import io.gatehouse.team.TeamActions;
import io.gatehouse.team.TeamRejection;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams in the JSON API. The team is the context of the request, in its path ({@code /api/v1/teams/{team}/…}, the
 * team's id being its owner's account id): the caller acts for it as their role allows, checked on every request.
 * The owner uses the same paths with their own account id.
 */
@RestController
@RequestMapping("/api/v1/teams")
class TeamApi {

	static final String PROOF_HEADER = "X-Step-Up-Proof";

	private final Members members;

	private final TeamActions actions;

	private final RequestContexts contexts;

	TeamApi(Members members, TeamActions actions, RequestContexts contexts) {
		this.members = members;
		this.actions = actions;
		this.contexts = contexts;
	}

	record TeamView(String id, String owner, String role, @Nullable List<String> subAccounts) {
	}

	record InvitationView(String id, String team, String email, String role, @Nullable List<String> subAccounts,
			String expiresAt) {
	}

	record MyTeams(List<TeamView> teams, List<InvitationView> invitations) {
	}

	record MemberView(String id, String email, String role, @Nullable List<String> subAccounts, String joinedAt) {
	}

	record MemberList(List<MemberView> members, List<InvitationView> invitations) {
	}

	record Invite(@NotNull String email, @NotNull @Schema(allowableValues = { "viewer", "trader", "admin" }) String role,
			@Nullable @Schema(description = "Sub-accounts of the team the member is assigned to; absent or empty for the whole team") List<UUID> subAccounts,
			@Nullable @Schema(description = "The owner's, to invite an admin (with X-Step-Up-Proof for grant_team_admin)") String tradingPassword) {

		@Override
		public String toString() {
			return "Invite[" + this.role + ", <redacted>]";
		}
	}

	record Change(@NotNull @Schema(allowableValues = { "viewer", "trader", "admin" }) String role,
			@Nullable @Schema(description = "The member's sub-accounts from now on; empty for the whole team, absent to keep them") List<UUID> subAccounts,
			@Nullable @Schema(description = "The owner's, to make the member an admin (with X-Step-Up-Proof for grant_team_admin)") String tradingPassword) {

		@Override
		public String toString() {
			return "Change[" + this.role + ", <redacted>]";
		}
	}

	/** The step-up parameters for making someone an admin: an invitation's ({@code email}) or a member's. */
	record AdminCheck(@Nullable String email, @Nullable UUID member) {
	}

	record Overview(String id, String owner, String role, @Nullable List<String> assignedSubAccounts,
			List<SubAccountApi.Asset> assets, List<SubAccountApi.SubAccountView> subAccounts) {
	}

	record TransferRequest(@NotNull String clientOid, @NotNull String currency,
			@NotNull @Schema(type = "string", example = "10.5",
					description = "A decimal string in the currency's scale; a JSON number is refused") Object amount,
			@NotNull @Schema(description = "main, trade or contract") String from,
			@NotNull @Schema(description = "main, trade or contract") String to) {
	}

	/** The teams the caller is a member of, and the open invitations to their verified email address. */
	@GetMapping
	MyTeams mine(@AuthenticationPrincipal Actor.Customer me) {
		return new MyTeams(this.members.teamsOf(me.accountId()).stream()
			.map(t -> new TeamView(t.teamId().toString(), t.owner(), t.role().wireName(), ids(t.subAccounts())))
			.toList(), this.members.invitationsFor(me.accountId()).stream().map(TeamApi::invitation).toList());
	}

	@PostMapping("/invitations/{id}/accept")
	ResponseEntity<?> accept(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.members.accept(me.accountId(), id, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(mine(me)));
	}

	@PostMapping("/invitations/{id}/decline")
	ResponseEntity<?> decline(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID id,
			HttpServletRequest request) {
		return noContent(this.members.decline(me.accountId(), id, this.contexts.of(request)));
	}

	/** The team as the caller may see it: their role, the master's balances (whole team only), their sub-accounts. */
	@GetMapping("/{team}")
	ResponseEntity<?> team(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team) {
		return this.actions.view(me.accountId(), team)
			.<ResponseEntity<?>>map(v -> ResponseEntity.ok(new Overview(team.toString(), v.owner(),
					v.access().role().wireName(), ids(v.access().subAccounts()),
					v.master().stream().map(SubAccountApi::asset).toList(),
					v.subAccounts().stream().map(SubAccountApi::view).toList())))
			.orElseGet(() -> Problems.of(TeamRejection.NOT_A_MEMBER));
	}

	/** The master account's statement, newest first; {@code format=csv} downloads it. */
	@GetMapping(path = "/{team}/ledger", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	ResponseEntity<?> ledger(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String account, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "json") String format) {
		if (!"json".equals(format) && !"csv".equals(format)) {
			return Problems.of(TeamRejection.FORMAT_INVALID);
		}
		return switch (this.actions.ledger(me.accountId(), team,
				new Statements.Filter(currency, account, null, null, limit))) {
			case TeamActions.Outcome.Refused<Statements.Result> refused -> Problems.of(refused.rejection());
			case TeamActions.Outcome.Done<Statements.Result> done -> switch (done.value()) {
				case Statements.Result.Refused refused -> Problems.of(refused.rejection());
				case Statements.Result.Rows rows when "csv".equals(format) -> csv(Statements.csv(rows.rows()),
						"gatehouse-team-ledger.csv");
				case Statements.Result.Rows rows -> ResponseEntity.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("postings", rows.rows()));
			};
		};
	}

	/** The team's history (money, sub-accounts, members, keys), each event with who did it. */
	@GetMapping("/{team}/events")
	ResponseEntity<?> events(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		int p = Math.max(0, Math.min(page, 10_000));
		int s = Math.max(1, Math.min(size, 200));
		return switch (this.actions.history(me.accountId(), team, p, s)) {
			case TeamActions.Outcome.Refused<?> refused -> Problems.of(refused.rejection());
			case TeamActions.Outcome.Done<List<Map<String, @Nullable Object>>> done -> ResponseEntity
				.ok(Map.of("page", p, "size", s, "events", done.value()));
		};
	}

	@GetMapping(path = "/{team}/events/export", produces = "text/csv")
	ResponseEntity<?> export(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team) {
		return switch (this.actions.historyCsv(me.accountId(), team)) {
			case TeamActions.Outcome.Refused<String> refused -> Problems.of(refused.rejection());
			case TeamActions.Outcome.Done<String> done -> csv(done.value(), "gatehouse-team-events.csv");
		};
	}

	/** Moves funds between the master account's Funding, Spot and Futures: trader and up, whole team. */
	@PostMapping(path = "/{team}/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	ResponseEntity<?> transfer(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@Valid @RequestBody TransferRequest body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(AssetsRejection.AMOUNT_INVALID);
		}
		return transferred(this.actions.transfer(me.accountId(), team, new InternalTransfers.Request(body.clientOid(),
				body.currency(), amount, body.from(), body.to()), this.contexts.of(request)), body.clientOid());
	}

	/** Moves funds between the master and a sub-account: trader and up, assigned to it. */
	@PostMapping(path = "/{team}/sub-accounts/{sub}/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	ResponseEntity<?> subTransfer(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID sub, @Valid @RequestBody SubAccountApi.TransferRequest body,
			HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(AssetsRejection.AMOUNT_INVALID);
		}
		return transferred(this.actions.subTransfer(me.accountId(), team, sub, new SubTransfers.Request(
				body.clientOid(), body.direction(), body.currency(), amount, body.from(), body.to()),
				this.contexts.of(request)), body.clientOid());
	}

	private static ResponseEntity<?> transferred(TeamActions.Outcome<InternalTransfers.Result.Done> outcome,
			String clientOid) {
		return switch (outcome) {
			case TeamActions.Outcome.Refused<InternalTransfers.Result.Done> refused -> Problems.of(refused.rejection());
			case TeamActions.Outcome.Done<InternalTransfers.Result.Done> d -> ResponseEntity
				.status(d.value().repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(new SubAccountApi.TransferDone(d.value().transferId().toString(), clientOid, d.value().currency(),
						d.value().amount(), d.value().from().wireName(), d.value().to().wireName(),
						d.value().repeated()));
		};
	}

	/** Creates a sub-account of the team: admin and owner. */
	@PostMapping(path = "/{team}/sub-accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> createSubAccount(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@Valid @RequestBody SubAccountApi.Create body, HttpServletRequest request) {
		return switch (this.actions.createSubAccount(me.accountId(), team, body.name(), this.contexts.of(request))) {
			case SubAccounts.Created.Refused refused -> Problems.of(refused.rejection());
			case SubAccounts.Created.Done done -> ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.of("id", done.subAccountId().toString(), "name", done.name()));
		};
	}

	@PostMapping("/{team}/sub-accounts/{sub}/freeze")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> freeze(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID sub, HttpServletRequest request) {
		return noContent(this.actions.setFrozen(me.accountId(), team, sub, true, this.contexts.of(request)));
	}

	@PostMapping("/{team}/sub-accounts/{sub}/unfreeze")
	ResponseEntity<?> unfreeze(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID sub, HttpServletRequest request) {
		return noContent(this.actions.setFrozen(me.accountId(), team, sub, false, this.contexts.of(request)));
	}

	/** The team's members and open invitations: admin and owner. */
	@GetMapping("/{team}/members")
	ResponseEntity<?> members(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team) {
		return this.members.members(me.accountId(), team)
			.<ResponseEntity<?>>map(list -> ResponseEntity.ok(new MemberList(list.stream()
				.map(m -> new MemberView(m.memberId().toString(), m.maskedEmail(), m.role().wireName(),
						ids(m.subAccounts()), m.joinedAt().toString()))
				.toList(), this.members.invitations(me.accountId(), team).orElse(List.of()).stream()
					.map(TeamApi::invitation)
					.toList())))
			.orElseGet(() -> this.actions.view(me.accountId(), team)
				.map(v -> Problems.of(v.access().role().atLeast(io.gatehouse.team.TeamRole.ADMIN)
						? TeamRejection.OUT_OF_SCOPE : TeamRejection.ROLE_TOO_LOW))
				.orElseGet(() -> Problems.of(TeamRejection.NOT_A_MEMBER)));
	}

	/**
	 * What a step-up proof for {@code grant_team_admin} is made for: inviting {@code email}, or raising
	 * {@code member}, as an admin.
	 */
	@PostMapping(path = "/{team}/admin-grant/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> adminCheck(@PathVariable UUID team, @RequestBody AdminCheck body) {
		if (body.member() != null) {
			return ResponseEntity.ok(Map.of("stepUpAction", "grant_team_admin", "stepUpParams",
					Members.changeParams(team, body.member())));
		}
		if (body.email() == null || io.gatehouse.account.EmailAddress.parse(body.email()).isEmpty()) {
			return Problems.of(TeamRejection.EMAIL_INVALID);
		}
		return ResponseEntity.ok(Map.of("stepUpAction", "grant_team_admin", "stepUpParams",
				Members.inviteParams(team, body.email())));
	}

	/** Invites an address: admins invite viewers and traders, the owner also admins (with step-up). */
	@PostMapping(path = "/{team}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> invite(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody Invite body, HttpServletRequest request) {
		return switch (this.members.invite(me, team, body.email(), body.role(), body.subAccounts(),
				new Members.AdminGrant(proof, body.tradingPassword()), this.contexts.of(request))) {
			case Members.Invited.Refused refused -> Problems.of(refused.rejection());
			case Members.Invited.Done done -> ResponseEntity.status(HttpStatus.CREATED).body(invitation(done.invitation()));
		};
	}

	@DeleteMapping("/{team}/invitations/{id}")
	ResponseEntity<?> revoke(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID id, HttpServletRequest request) {
		return noContent(this.members.revoke(me.accountId(), team, id, this.contexts.of(request)));
	}

	/** Changes a member's role (and sub-accounts): admin for viewers and traders, owner for admins (with step-up). */
	@PutMapping(path = "/{team}/members/{member}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> change(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID member, @RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody Change body, HttpServletRequest request) {
		return noContent(this.members.change(me, team, member, body.role(), body.subAccounts(),
				new Members.AdminGrant(proof, body.tradingPassword()), this.contexts.of(request)));
	}

	/** Removes a member at once (admin for viewers and traders, owner for admins); a member may remove themselves. */
	@DeleteMapping("/{team}/members/{member}")
	ResponseEntity<?> remove(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID member, HttpServletRequest request) {
		return noContent(this.members.remove(me.accountId(), team, member, this.contexts.of(request)));
	}

	private static ResponseEntity<?> noContent(java.util.Optional<Rejection> refused) {
		return refused.<ResponseEntity<?>>map(Problems::of).orElseGet(() -> ResponseEntity.noContent().build());
	}

	private static InvitationView invitation(Members.Invitation i) {
		return new InvitationView(i.id().toString(), i.teamId().toString(), i.maskedEmail(),
				i.role().wireName(), ids(i.subAccounts()), i.expiresAt().toString());
	}

	private static @Nullable List<String> ids(@Nullable Set<UUID> ids) {
		return ids == null ? null : ids.stream().map(UUID::toString).sorted().toList();
	}

	private static ResponseEntity<String> csv(String body, String filename) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build());
		headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
		return new ResponseEntity<>(body, headers, HttpStatus.OK);
	}
}
