package io.gatehouse.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff members and their enrolment links. A member is created with roles and no credential at all; the
 * one-time link (72 h) lets them register a passkey, which is then the only way in. There are no default
 * credentials and no password.
 */
@Service
public class StaffMemberService {

	static final String ENROLMENT_PURPOSE = "staff-enrolment";

	static final Duration ENROLMENT_VALIDITY = Duration.ofHours(72);

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final GatehouseProperties gatehouse;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	StaffMemberService(JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness, Clock clock,
			GatehouseProperties gatehouse, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.gatehouse = gatehouse;
		this.events = events;
		this.tx = tx;
	}

	public record Member(UUID id, String username, String displayName, Set<Actor.Staff.Role> roles, byte[] userHandle,
			boolean disabled) {
	}

	/** A new member and the enrolment link to give them (shown once, never stored or logged). */
	public record Created(Member member, String enrolmentLink) {

		@Override
		public String toString() {
			return "Created[" + this.member.username() + ", link=<redacted>]";
		}
	}

	/** Parses "support,reviewer" into roles; empty if any name is unknown or none is given. */
	public static Optional<Set<Actor.Staff.Role>> parseRoles(String text) {
		Set<Actor.Staff.Role> roles = EnumSet.noneOf(Actor.Staff.Role.class);
		for (String part : text.split(",")) {
			String name = part.strip().toUpperCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			try {
				roles.add(Actor.Staff.Role.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return roles.isEmpty() ? Optional.empty() : Optional.of(roles);
	}

	/**
	 * Creates a member; empty if the username is taken or malformed.
	 *
	 * @param by who creates it: {@code staff:<id>}, {@code command} or {@code bootstrap}
	 */
	public Optional<Created> create(String username, String displayName, Set<Actor.Staff.Role> roles, String by) {
		if (!username.matches("[a-z][a-z0-9._-]{1,31}") || roles.isEmpty() || displayName.isBlank()
				|| displayName.length() > 100) {
			return Optional.empty();
		}
		UUID id = this.randomness.uuid();
		byte[] handle = this.randomness.bytes(32);
		String roleText = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
		try {
			return this.tx.execute(s -> {
				this.jdbc.sql("""
						insert into staff (id, username, display_name, roles, user_handle, created_at)
						values (?, ?, ?, ?, ?, ?)""")
					.params(id, username, displayName.strip(), roleText, handle, Timestamp.from(this.clock.instant()))
					.update();
				this.events.publishEvent(new StaffEvents.StaffCreated(id, username, roleText, by));
				return Optional.of(new Created(new Member(id, username, displayName.strip(), Set.copyOf(roles), handle,
						false), issueEnrolment(id)));
			});
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/**
	 * An admin changes a member's roles. No admin can take away their own admin role, so the console always
	 * keeps one admin who can act.
	 */
	public Change changeRoles(Actor.Staff admin, UUID staffId, Set<Actor.Staff.Role> roles) {
		StaffSupport.requireRole(admin, Actor.Staff.Role.ADMIN);
		if (roles.isEmpty()) {
			return Change.INVALID;
		}
		if (admin.id().equals(staffId) && !roles.contains(Actor.Staff.Role.ADMIN)) {
			return Change.SELF;
		}
		String roleText = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
		return changed(this.tx.execute(s -> {
			boolean done = this.jdbc.sql("update staff set roles = ? where id = ?").params(roleText, staffId).update() == 1;
			if (done) {
				this.events.publishEvent(new StaffEvents.StaffChanged(staffId, "roles_changed", roleText, admin.auditName()));
			}
			return done;
		}));
	}

	/** An admin disables a member (their sessions end at once) or enables them again; never themselves. */
	public Change setDisabled(Actor.Staff admin, UUID staffId, boolean disabled) {
		StaffSupport.requireRole(admin, Actor.Staff.Role.ADMIN);
		if (admin.id().equals(staffId)) {
			return Change.SELF;
		}
		Instant now = this.clock.instant();
		return changed(this.tx.execute(s -> {
			boolean done = this.jdbc.sql("update staff set disabled_at = ? where id = ? and (disabled_at is null) = ?")
				.params(disabled ? Timestamp.from(now) : null, staffId, disabled)
				.update() == 1;
			if (done && disabled) {
				this.jdbc.sql("update staff_sessions set revoked_at = ? where staff_id = ? and revoked_at is null")
					.params(Timestamp.from(now), staffId)
					.update();
			}
			if (done) {
				this.events.publishEvent(new StaffEvents.StaffChanged(staffId, disabled ? "disabled" : "enabled", "",
						admin.auditName()));
			}
			return done;
		}));
	}

	/**
	 * An admin issues a fresh enrolment link for another member whose passkey is lost. The member's passkeys,
	 * sessions and older links stop working first: the link the admin sees can replace the member's
	 * credential, never sit beside it (one admin must not be able to act as a second reviewer).
	 */
	public Optional<String> reissueEnrolment(Actor.Staff admin, UUID staffId) {
		StaffSupport.requireRole(admin, Actor.Staff.Role.ADMIN);
		if (admin.id().equals(staffId)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.tx.execute(s -> {
			if (find(staffId).filter(m -> !m.disabled()).isEmpty()) {
				return Optional.<String>empty();
			}
			this.jdbc.sql("delete from staff_passkeys where staff_id = ?").param(staffId).update();
			this.jdbc.sql("update staff_sessions set revoked_at = ? where staff_id = ? and revoked_at is null")
				.params(Timestamp.from(now), staffId)
				.update();
			this.jdbc.sql("update staff_enrolments set used_at = ? where staff_id = ? and used_at is null")
				.params(Timestamp.from(now), staffId)
				.update();
			this.events.publishEvent(new StaffEvents.StaffChanged(staffId, "enrolment_issued", "", admin.auditName()));
			return Optional.of(issueEnrolment(staffId));
		});
	}

	private static Change changed(@org.jspecify.annotations.Nullable Boolean done) {
		return Boolean.TRUE.equals(done) ? Change.DONE : Change.NOT_FOUND;
	}

	public enum Change {
		DONE, NOT_FOUND, INVALID, SELF
	}

	/** A fresh enrolment link for an existing member (for another passkey, or a lost one). */
	public String issueEnrolment(UUID staffId) {
		String token = "ghe_" + this.randomness.token(32);
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into staff_enrolments (token_hash, staff_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(this.keyedHash.hash(ENROLMENT_PURPOSE, token), staffId, Timestamp.from(now),
					Timestamp.from(now.plus(ENROLMENT_VALIDITY)))
			.update();
		return this.gatehouse.link("/staff/enrol?token=" + token);
	}

	/** The member a live enrolment link is for, without spending it. */
	Optional<Member> enrolling(String token) {
		if (!Randomness.isPrefixedToken(token, "ghe_")) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select staff_id from staff_enrolments where token_hash = ? and used_at is null and expires_at > ?""")
			.params(this.keyedHash.hash(ENROLMENT_PURPOSE, token), Timestamp.from(this.clock.instant()))
			.query(UUID.class)
			.optional()
			.flatMap(this::find)
			.filter(m -> !m.disabled());
	}

	/** Spends an enrolment link: true once. */
	boolean spendEnrolment(String token, UUID staffId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update staff_enrolments set used_at = ?
				 where token_hash = ? and staff_id = ? and used_at is null and expires_at > ?""")
			.params(Timestamp.from(now), this.keyedHash.hash(ENROLMENT_PURPOSE, token), staffId, Timestamp.from(now))
			.update() == 1;
	}

	public Optional<Member> find(UUID id) {
		return this.jdbc.sql("select * from staff where id = ?").param(id).query((rs, n) -> map(rs)).optional();
	}

	public Optional<Member> findByUsername(String username) {
		return this.jdbc.sql("select * from staff where username = ?").param(username).query((rs, n) -> map(rs)).optional();
	}

	public List<Member> all() {
		return this.jdbc.sql("select * from staff order by username").query((rs, n) -> map(rs)).list();
	}

	private static Member map(ResultSet rs) throws SQLException {
		Set<Actor.Staff.Role> roles = Arrays.stream(rs.getString("roles").split(","))
			.map(Actor.Staff.Role::valueOf)
			.collect(Collectors.toUnmodifiableSet());
		return new Member(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"), roles,
				rs.getBytes("user_handle"), rs.getTimestamp("disabled_at") != null);
	}
}
