package io.gatehouse.staff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.factor.WebAuthnCeremonies;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff sign-in: a passkey with user verification, nothing else (no password exists to phish). Sessions are
 * their own, shorter than customers': 15 minutes idle, 8 hours at most; the token is 256 random bits kept as
 * a keyed hash. A refused attempt says nothing about which member or credential it named.
 */
@Service
public class StaffSignIn {

	static final String SESSION_PURPOSE = "staff-session";

	static final Duration IDLE = Duration.ofMinutes(15);

	static final Duration ABSOLUTE = Duration.ofHours(8);

	private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final StaffMemberService members;

	private final WebAuthnCeremonies webauthn;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	StaffSignIn(JdbcClient jdbc, StaffMemberService members, WebAuthnCeremonies webauthn, KeyedHash keyedHash,
			Randomness randomness, Clock clock, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.members = members;
		this.webauthn = webauthn;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/** WebAuthn options with the id of the stored challenge they carry. */
	public record Options(UUID challengeId, Map<String, Object> publicKey) {
	}

	/** A started staff session; the token is handed out once. */
	public record Issued(Actor.Staff member, String token) {

		@Override
		public String toString() {
			return "Issued[" + this.member.username() + ", token=<redacted>]";
		}
	}

	// ---- enrolment -------------------------------------------------------------------------------

	public Optional<Options> enrolmentOptions(String enrolmentToken) {
		return this.members.enrolling(enrolmentToken).map(m -> {
			byte[] challenge = this.randomness.bytes(32);
			UUID id = storeChallenge("ENROL", challenge, m.id());
			List<byte[]> existing = this.jdbc.sql("select credential_id from staff_passkeys where staff_id = ?")
				.param(m.id())
				.query((rs, n) -> rs.getBytes(1))
				.list();
			return new Options(id, this.webauthn.creationOptions(m.userHandle(), m.username(), challenge, existing));
		});
	}

	/** Registers the passkey and spends the enrolment link; true on success. */
	public boolean enrol(String enrolmentToken, UUID challengeId, String responseJson, RequestContext context) {
		Optional<StaffMemberService.Member> member = this.members.enrolling(enrolmentToken);
		if (member.isEmpty()) {
			return false;
		}
		UUID staffId = member.get().id();
		Optional<byte[]> challenge = useChallenge(challengeId, "ENROL", staffId);
		Optional<WebAuthnCeremonies.NewCredential> credential = challenge
			.flatMap(c -> this.webauthn.verifyCreation(responseJson, c));
		if (credential.isEmpty()) {
			return false;
		}
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (!this.members.spendEnrolment(enrolmentToken, staffId)) {
				return false;
			}
			this.jdbc.sql("""
					insert into staff_passkeys (id, staff_id, credential_id, attested_credential_data, sign_count, created_at)
					values (?, ?, ?, ?, ?, ?)""")
				.params(this.randomness.uuid(), staffId, credential.get().credentialId(),
						credential.get().attestedCredentialData(), credential.get().signCount(),
						Timestamp.from(this.clock.instant()))
				.update();
			this.events.publishEvent(new StaffEvents.StaffPasskeyEnrolled(staffId, context));
			return true;
		}));
	}

	// ---- sign-in ---------------------------------------------------------------------------------

	public Options signInOptions() {
		byte[] challenge = this.randomness.bytes(32);
		return new Options(storeChallenge("SIGN_IN", challenge, null), this.webauthn.requestOptions(challenge));
	}

	public Optional<Issued> signIn(UUID challengeId, String responseJson, RequestContext context) {
		Optional<byte[]> challenge = useChallenge(challengeId, "SIGN_IN", null);
		Optional<byte[]> credentialId = this.webauthn.credentialId(responseJson);
		if (challenge.isEmpty() || credentialId.isEmpty()) {
			return refused("challenge_or_answer_invalid", context);
		}
		record Stored(UUID id, UUID staffId, byte[] data, long signCount) {
		}
		Optional<Stored> stored = this.jdbc.sql("""
				select p.id, p.staff_id, p.attested_credential_data, p.sign_count from staff_passkeys p
				  join staff s on s.id = p.staff_id where p.credential_id = ? and s.disabled_at is null""")
			.param(credentialId.get())
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
					rs.getBytes("attested_credential_data"), rs.getLong("sign_count")))
			.optional();
		if (stored.isEmpty()) {
			return refused("unknown_credential", context);
		}
		Optional<Long> counter = this.webauthn.verifyAssertion(responseJson, challenge.get(), stored.get().data(),
				stored.get().signCount());
		if (counter.isEmpty()) {
			return refused("assertion_invalid", context);
		}
		StaffMemberService.Member member = this.members.find(stored.get().staffId()).orElseThrow();
		String token = "ghst_" + this.randomness.token(32);
		UUID sessionId = this.randomness.uuid();
		Instant now = this.clock.instant();
		Boolean ok = this.tx.execute(s -> {
			int moved = this.jdbc.sql("""
					update staff_passkeys set sign_count = ?, last_used_at = ?
					 where id = ? and sign_count = ?""")
				.params(counter.get(), Timestamp.from(now), stored.get().id(), stored.get().signCount())
				.update();
			if (moved != 1) {
				return false;
			}
			this.jdbc.sql("""
					insert into staff_sessions (id, staff_id, token_hash, created_at, last_seen_at, absolute_expires_at)
					values (?, ?, ?, ?, ?, ?)""")
				.params(sessionId, member.id(), this.keyedHash.hash(SESSION_PURPOSE, token), Timestamp.from(now),
						Timestamp.from(now), Timestamp.from(now.plus(ABSOLUTE)))
				.update();
			this.events.publishEvent(new StaffEvents.StaffSignedIn(member.id(), sessionId, context));
			return true;
		});
		if (!Boolean.TRUE.equals(ok)) {
			return refused("counter_raced", context);
		}
		return Optional.of(new Issued(new Actor.Staff(member.id(), member.username(), member.roles(), sessionId), token));
	}

	/** The member behind a live session token; each use extends the idle window. */
	public Optional<Actor.Staff> authenticate(String token) {
		if (!Randomness.isPrefixedToken(token, "ghst_")) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update staff_sessions x set last_seen_at = ?
				  from staff s
				 where x.token_hash = ? and x.revoked_at is null and x.absolute_expires_at > ? and x.last_seen_at > ?
				   and s.id = x.staff_id and s.disabled_at is null
				returning x.id, s.id as staff_id""")
			.params(Timestamp.from(now), this.keyedHash.hash(SESSION_PURPOSE, token), Timestamp.from(now),
					Timestamp.from(now.minus(IDLE)))
			.query((rs, n) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class) })
			.optional()
			.flatMap(ids -> this.members.find(ids[1])
				.map(m -> new Actor.Staff(m.id(), m.username(), m.roles(), ids[0])));
	}

	public void signOut(Actor.Staff member) {
		this.jdbc.sql("update staff_sessions set revoked_at = ? where id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), member.sessionId())
			.update();
	}

	@Scheduled(fixedDelayString = "${gatehouse.staff.cleanup-interval:PT1H}")
	void deleteOld() {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(Duration.ofDays(1)));
		this.jdbc.sql("delete from staff_challenges where expires_at < ?").param(cutoff).update();
	}

	private Optional<Issued> refused(String reason, RequestContext context) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new StaffEvents.StaffSignInFailed(reason, context)));
		return Optional.empty();
	}

	private UUID storeChallenge(String purpose, byte[] challenge, java.util.@org.jspecify.annotations.Nullable UUID staffId) {
		UUID id = this.randomness.uuid();
		this.jdbc.sql("insert into staff_challenges (id, purpose, challenge, staff_id, expires_at) values (?, ?, ?, ?, ?)")
			.params(id, purpose, challenge, staffId, Timestamp.from(this.clock.instant().plus(CHALLENGE_LIFETIME)))
			.update();
		return id;
	}

	/** Spends a challenge: once, before it expires, for its purpose (and member, when bound to one). */
	private Optional<byte[]> useChallenge(UUID id, String purpose, java.util.@org.jspecify.annotations.Nullable UUID staffId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update staff_challenges set used_at = ?
				 where id = ? and purpose = ? and used_at is null and expires_at > ?
				returning challenge, staff_id""")
			.params(Timestamp.from(now), id, purpose, Timestamp.from(now))
			.query((rs, n) -> new Object[] { rs.getBytes("challenge"), rs.getObject("staff_id", UUID.class) })
			.optional()
			.filter(row -> Objects.equals(row[1], staffId))
			.map(row -> (byte[]) row[0]);
	}
}
