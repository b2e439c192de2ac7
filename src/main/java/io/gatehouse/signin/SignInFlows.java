package io.gatehouse.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signin_flows table. Updates are compare-and-set on the version, so a flow moves once. */
@Repository
class SignInFlows {

	private final JdbcClient jdbc;

	SignInFlows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String INSERT = """
			insert into signin_flows (id, state, account_id, steps_done, steps_planned, remember_me, client_ip,
			    user_agent, session_id, created_at, updated_at, expires_at, version, risk_steps, risk_signals)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	void insert(SignInFlow f) {
		this.jdbc.sql(INSERT).params(insertParams(f)).update();
	}

	private static List<Object> insertParams(SignInFlow f) {
		return Arrays.asList(f.id(), f.state().name(), f.accountId(), steps(f.stepsDone()), steps(f.stepsPlanned()),
				f.rememberMe(), f.clientIp(), f.userAgent(), f.sessionId(), Timestamp.from(f.createdAt()),
				Timestamp.from(f.updatedAt()), Timestamp.from(f.expiresAt()), f.version(), names(f.riskSteps()),
				names(f.riskSignals()));
	}

	Optional<SignInFlow> find(UUID id) {
		return this.jdbc.sql("""
				select id, state, account_id, steps_done, steps_planned, remember_me, client_ip, user_agent, session_id,
				       created_at, updated_at, expires_at, version, risk_steps, risk_signals
				from signin_flows where id = ?""")
			.param(id)
			.query((rs, n) -> new SignInFlow(rs.getObject("id", UUID.class),
					SignInFlow.State.valueOf(rs.getString("state")), rs.getObject("account_id", UUID.class),
					parseSteps(rs.getString("steps_done")), parseSteps(rs.getString("steps_planned")),
					rs.getBoolean("remember_me"), rs.getString("client_ip"),
					rs.getString("user_agent"), rs.getObject("session_id", UUID.class),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("version"),
					parse(rs.getString("risk_steps"), RiskStep.class), parse(rs.getString("risk_signals"), Signal.class)))
			.optional();
	}

	/** Writes {@code next} if the stored flow is still at {@code next.version() - 1}. */
	boolean advance(SignInFlow next) {
		return this.jdbc.sql("""
				update signin_flows set state = ?, account_id = ?, steps_done = ?, steps_planned = ?, remember_me = ?,
				    session_id = ?, updated_at = ?, version = ?, risk_steps = ?, risk_signals = ?
				where id = ? and version = ?""")
			.params(next.state().name(), next.accountId(), steps(next.stepsDone()), steps(next.stepsPlanned()),
					next.rememberMe(), next.sessionId(),
					Timestamp.from(next.updatedAt()), next.version(), names(next.riskSteps()), names(next.riskSignals()),
					next.id(), next.version() - 1)
			.update() == 1;
	}

	/**
	 * Sets the flow's confirmation code (a new one replaces the old; wrong tries carry over, so asking
	 * again buys no guesses). Only a flow waiting for its confirmation takes one.
	 */
	boolean setConfirmationCode(UUID id, byte[] codeHash, Instant expiresAt) {
		return this.jdbc.sql("""
				update signin_flows set confirmation_code_hash = ?, confirmation_expires_at = ?
				 where id = ? and state = 'AWAITING_CONFIRMATION'""")
			.params(codeHash, Timestamp.from(expiresAt), id)
			.update() == 1;
	}

	/**
	 * Checks a confirmation code in one statement: a match spends it, a miss counts a wrong try. Exactly
	 * one of concurrent right submissions wins.
	 */
	boolean redeemConfirmation(UUID id, byte[] presented, Instant now, int maxWrong) {
		return this.jdbc.sql("""
				update signin_flows
				   set confirmation_code_hash = case when confirmation_code_hash = ? then null else confirmation_code_hash end,
				       confirmation_wrong = confirmation_wrong + case when confirmation_code_hash = ? then 0 else 1 end
				 where id = ? and state = 'AWAITING_CONFIRMATION' and confirmation_code_hash is not null
				   and confirmation_expires_at > ? and confirmation_wrong < ?
				returning confirmation_code_hash is null""")
			.params(presented, presented, id, Timestamp.from(now), maxWrong)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from signin_flows where expires_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static String names(Set<? extends Enum<?>> values) {
		return String.join(",", values.stream().map(Enum::name).sorted().toList());
	}

	private static <E extends Enum<E>> Set<E> parse(String stored, Class<E> type) {
		return stored.isEmpty() ? Set.of()
				: Arrays.stream(stored.split(",")).map(name -> Enum.valueOf(type, name)).collect(Collectors.toSet());
	}

	private static String steps(List<SignInFlow.Step> steps) {
		return String.join(",", steps.stream().map(Enum::name).toList());
	}

	private static List<SignInFlow.Step> parseSteps(String stored) {
		return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(SignInFlow.Step::valueOf).toList();
	}
}
