package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.CooldownService;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.Passwords;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trading (fund) password asked before withdrawals, whitelist changes and API-key creation
 * (PRODUCT.md §1.3, SU-07). It is a credential of its own: never the login password, Argon2id, and its
 * own attempt limit that signing in does not reset — five wrong tries lock it for two hours and alert
 * the owner. Setting or changing it needs step-up (checked by the caller) and starts the cooldown.
 */
@Service
public class TradingPasswordService {

	static final int MAX_FAILURES = 5;

	static final Duration LOCK = Duration.ofHours(2);

	private static final int MIN_LENGTH = 6;

	private final JdbcClient jdbc;

	private final PasswordHasher hasher;

	private final PasswordCheck loginPasswords;

	private final CooldownService cooldowns;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	TradingPasswordService(JdbcClient jdbc, PasswordHasher hasher, PasswordCheck loginPasswords, CooldownService cooldowns,
			Clock clock, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.loginPasswords = loginPasswords;
		this.cooldowns = cooldowns;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	public boolean isSet(UUID accountId) {
		return this.jdbc.sql("select count(*) from trading_passwords where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single() > 0;
	}

	/** Sets or replaces it; refuses the login password and anything outside 6–256 characters. */
	public Optional<Rejection> set(UUID accountId, String password, RequestContext context) {
		int length = Passwords.length(password);
		if (length < MIN_LENGTH || length > Passwords.MAX_LENGTH
				|| password.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.of(Refusal.INVALID);
		}
		if (this.loginPasswords.isLoginPassword(accountId, password)) {
			return Optional.of(Refusal.SAME_AS_LOGIN);
		}
		String hash = this.hasher.hash(password);
		Instant now = this.clock.instant();
		this.tx.executeWithoutResult(s -> {
			this.jdbc.sql("""
					insert into trading_passwords (account_id, password_hash, changed_at) values (?, ?, ?)
					on conflict (account_id) do update
					    set password_hash = excluded.password_hash, failures = 0, locked_until = null,
					        changed_at = excluded.changed_at""")
				.params(accountId, hash, Timestamp.from(now))
				.update();
			this.events.publishEvent(new TradingPasswordSet(accountId, context));
			this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "trading_password_set", context);
		});
		return Optional.empty();
	}

	/**
	 * Checks it before a money action. Each attempt first reserves itself in one atomic UPDATE (refused
	 * while locked), so parallel guesses cannot pass the limit; a success resets the count, and the
	 * fifth failure in a row locks it for two hours.
	 */
	public Optional<Rejection> verify(UUID accountId, String password, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<String> hash = this.jdbc.sql("""
				update trading_passwords set failures = failures + 1
				where account_id = ? and (locked_until is null or locked_until <= ?)
				returning password_hash""")
			.params(accountId, Timestamp.from(now))
			.query(String.class)
			.optional();
		if (hash.isEmpty()) {
			return Optional.of(isSet(accountId) ? Refusal.LOCKED : Refusal.NOT_SET);
		}
		if (Passwords.length(password) <= Passwords.MAX_LENGTH && this.hasher.verify(hash.get(), password).matches()) {
			this.jdbc.sql("update trading_passwords set failures = 0, locked_until = null where account_id = ?")
				.param(accountId)
				.update();
			return Optional.empty();
		}
		return Optional.of(this.tx.execute(s -> {
			int failures = this.jdbc.sql("""
					update trading_passwords
					set locked_until = case when failures >= ? then ? else locked_until end
					where account_id = ? returning failures""")
				.params(MAX_FAILURES, Timestamp.from(now.plus(LOCK)), accountId)
				.query(Integer.class)
				.single();
			boolean locked = failures >= MAX_FAILURES;
			this.events.publishEvent(new TradingPasswordFailed(accountId, failures, locked, context));
			return locked ? Refusal.LOCKED : Refusal.INCORRECT;
		}));
	}

	private record Stored(String hash, int failures, @org.jspecify.annotations.Nullable Instant lockedUntil) {

		@Override
		public String toString() {
			return "Stored[<redacted>]";
		}
	}

	public enum Refusal implements Rejection {

		INVALID(Rejection.of("trading_password_invalid", Kind.UNPROCESSABLE,
				"Use 6 to 256 characters for your trading password.")),
		SAME_AS_LOGIN(Rejection.of("trading_password_same_as_login", Kind.UNPROCESSABLE,
				"Your trading password must differ from your login password.")),
		NOT_SET(Rejection.of("trading_password_not_set", Kind.CONFLICT, "Set a trading password first.")),
		LOCKED(Rejection.of("trading_password_locked", Kind.RATE_LIMITED,
				"Too many wrong trading passwords. Try again in 2 hours.")),
		INCORRECT(Rejection.of("trading_password_incorrect", Kind.FORBIDDEN,
				"Your trading password is not correct."));

		private final Definition definition;

		Refusal(Definition definition) {
			this.definition = definition;
		}

		@Override
		public Definition definition() {
			return this.definition;
		}
	}

	public record TradingPasswordSet(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "trading_password_set";
		}
	}

	public record TradingPasswordFailed(UUID accountId, int failures, boolean locked, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return locked ? "trading_password_locked" : "trading_password_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("failures", Integer.toString(this.failures));
		}
	}
}
