package io.gatehouse.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signin_flows table. Updates are compare-and-set on the version, so a flow moves once. */
@Repository
class SignInFlows {

	private final JdbcClient jdbc;

	SignInFlows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(SignInFlow f) {
		this.jdbc.sql("""
				insert into signin_flows (id, state, account_id, steps_done, steps_planned, remember_me, client_ip,
				    user_agent, session_id, created_at, updated_at, expires_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(f.id(), f.state().name(), f.accountId(), steps(f.stepsDone()), steps(f.stepsPlanned()), f.rememberMe(),
					f.clientIp(),
					f.userAgent(), f.sessionId(), Timestamp.from(f.createdAt()), Timestamp.from(f.updatedAt()),
					Timestamp.from(f.expiresAt()), f.version())
			.update();
	}

	Optional<SignInFlow> find(UUID id) {
		return this.jdbc.sql("""
				select id, state, account_id, steps_done, steps_planned, remember_me, client_ip, user_agent, session_id,
				       created_at, updated_at, expires_at, version
				from signin_flows where id = ?""")
			.param(id)
			.query((rs, n) -> new SignInFlow(rs.getObject("id", UUID.class),
					SignInFlow.State.valueOf(rs.getString("state")), rs.getObject("account_id", UUID.class),
					parseSteps(rs.getString("steps_done")), parseSteps(rs.getString("steps_planned")),
					rs.getBoolean("remember_me"), rs.getString("client_ip"),
					rs.getString("user_agent"), rs.getObject("session_id", UUID.class),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("version")))
			.optional();
	}

	/** Writes {@code next} if the stored flow is still at {@code next.version() - 1}. */
	boolean advance(SignInFlow next) {
		return this.jdbc.sql("""
				update signin_flows set state = ?, account_id = ?, steps_done = ?, steps_planned = ?, remember_me = ?,
				    session_id = ?, updated_at = ?, version = ?
				where id = ? and version = ?""")
			.params(next.state().name(), next.accountId(), steps(next.stepsDone()), steps(next.stepsPlanned()),
					next.rememberMe(), next.sessionId(),
					Timestamp.from(next.updatedAt()), next.version(), next.id(), next.version() - 1)
			.update() == 1;
	}

	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from signin_flows where expires_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static String steps(List<SignInFlow.Step> steps) {
		return String.join(",", steps.stream().map(Enum::name).toList());
	}

	private static List<SignInFlow.Step> parseSteps(String stored) {
		return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(SignInFlow.Step::valueOf).toList();
	}
}
