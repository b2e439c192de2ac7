package io.gatehouse.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support for someone who cannot sign in: they prove their email or phone with a 6-digit code (10 minutes, 5 tries,
 * used once) and hold a support pass for 30 minutes that opens and follows that account's requests and nothing
 * else. The answers are the same whether or not the address has an account; only an account's address gets a code.
 */
@Service
public class SupportPasses {

	static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

	static final Duration PASS_VALIDITY = Duration.ofMinutes(30);

	static final int MAX_ATTEMPTS = 5;

	private static final String HOLDER_PURPOSE = "support-pass";

	private static final String CODE_PURPOSE = "support-code";

	private static final String HOLDER_PREFIX = "ghp_";

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final KeyedHash hashes;

	private final Randomness randomness;

	private final RateLimits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SupportPasses(JdbcClient jdbc, Accounts accounts, KeyedHash hashes, Randomness randomness, RateLimits limits,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.hashes = hashes;
		this.randomness = randomness;
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	public sealed interface Started {

		/** The holder token goes into a cookie; {@code destination} is masked, for the page. */
		record CodeSent(String holder, String destination) implements Started {

			@Override
			public String toString() {
				return "CodeSent[" + this.destination + "]";
			}
		}

		record Refused(Rejection rejection) implements Started {
		}
	}

	/** Sends a code to the address when it belongs to an account; answers alike when it does not. */
	@Transactional
	public Started start(String rawIdentifier, RequestContext context) {
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		if (identifier.isEmpty()) {
			return new Started.Refused(SupportRejection.IDENTIFIER_INVALID);
		}
		if (this.limits.hit(LimitedAction.CODE_SEND, context.ip()).isPresent()) {
			return new Started.Refused(SupportRejection.NETWORK_LIMIT);
		}
		// Frozen and locked accounts too: they are who needs support most.
		Optional<Account> account = this.accounts.findByIdentifier(identifier.get());
		String holder = HOLDER_PREFIX + this.randomness.token(32);
		String code = this.randomness.digits(6);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into support_passes (id, holder_hash, account_id, destination, code_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(this.randomness.uuid(), this.hashes.hash(HOLDER_PURPOSE, holder),
					account.map(Account::id).orElse(null), identifier.get().masked(),
					this.hashes.hash(CODE_PURPOSE, code), Timestamp.from(now), Timestamp.from(now.plus(CODE_VALIDITY)))
			.update();
		account.ifPresent(a -> this.events.publishEvent(
				new SupportEvents.SupportCodeIssued(a.id(), identifier.get(), code, context)));
		return new Started.CodeSent(holder, identifier.get().masked());
	}

	/** Where the code was sent (masked), while the pass waits for it. */
	public Optional<String> waitingFor(@Nullable String holder) {
		if (holder == null || !holder.startsWith(HOLDER_PREFIX)) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select destination from support_passes
				where holder_hash = ? and verified_at is null and expires_at > ? and attempts < ?""")
			.params(this.hashes.hash(HOLDER_PURPOSE, holder), Timestamp.from(this.clock.instant()), MAX_ATTEMPTS)
			.query(String.class)
			.optional();
	}

	/**
	 * Checks the code: each try is counted first (in one statement, so parallel tries cannot exceed the budget) and
	 * a right code verifies the pass once. A pass for an address without an account never verifies.
	 */
	@Transactional
	public Optional<Rejection> verify(@Nullable String holder, String code) {
		if (holder == null || !holder.startsWith(HOLDER_PREFIX)) {
			return Optional.of(SupportRejection.PASS_EXPIRED);
		}
		Instant now = this.clock.instant();
		record Try(@Nullable UUID accountId, byte[] codeHash) {
		}
		Optional<Try> counted = this.jdbc.sql("""
				update support_passes set attempts = attempts + 1
				where holder_hash = ? and verified_at is null and expires_at > ? and attempts < ?
				returning account_id, code_hash""")
			.params(this.hashes.hash(HOLDER_PURPOSE, holder), Timestamp.from(now), MAX_ATTEMPTS)
			.query((rs, n) -> new Try(rs.getObject(1, UUID.class), rs.getBytes(2)))
			.optional();
		if (counted.isEmpty()) {
			return Optional.of(SupportRejection.PASS_EXPIRED);
		}
		boolean right = this.hashes.matches(CODE_PURPOSE, code.strip(), counted.get().codeHash());
		if (!right || counted.get().accountId() == null) {
			return Optional.of(SupportRejection.CODE_WRONG);
		}
		int verified = this.jdbc.sql("""
				update support_passes set verified_at = ?, expires_at = ?
				where holder_hash = ? and verified_at is null""")
			.params(Timestamp.from(now), Timestamp.from(now.plus(PASS_VALIDITY)), this.hashes.hash(HOLDER_PURPOSE, holder))
			.update();
		return verified == 1 ? Optional.empty() : Optional.of(SupportRejection.PASS_EXPIRED);
	}

	/** The account a verified, unexpired pass speaks for. */
	public Optional<UUID> account(@Nullable String holder) {
		if (holder == null || !holder.startsWith(HOLDER_PREFIX)) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select account_id from support_passes
				where holder_hash = ? and verified_at is not null and expires_at > ? and account_id is not null""")
			.params(this.hashes.hash(HOLDER_PURPOSE, holder), Timestamp.from(this.clock.instant()))
			.query(UUID.class)
			.optional();
	}

	/** Passes expired a day ago can never be used. */
	@Scheduled(fixedDelayString = "PT1H")
	void deleteExpired() {
		this.jdbc.sql("delete from support_passes where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}
}
