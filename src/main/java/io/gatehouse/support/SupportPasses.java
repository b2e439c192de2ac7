package io.gatehouse.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.ClientIp;
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
 * else. The answers, and the work behind them, are the same whether or not the address has an account; only an
 * account's address gets a code, sent in the background.
 */
@Service
public class SupportPasses {

	static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

	static final Duration PASS_VALIDITY = Duration.ofMinutes(30);

	static final int MAX_ATTEMPTS = 5;

	/** Starts one address may make in an hour, whether or not it has an account. */
	static final int MAX_STARTS_PER_ADDRESS = 3;

	private static final String DESTINATION_PURPOSE = "support-destination";

	private static final String HOLDER_PURPOSE = "support-pass";

	private static final String CODE_PURPOSE = "support-code";

	private static final String HOLDER_PREFIX = "ghp_";

	private static final Logger LOG = LoggerFactory.getLogger(SupportPasses.class);

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final KeyedHash hashes;

	private final Randomness randomness;

	private final RequestGate gate;

	private final ApplicationEventPublisher events;

	private final SecretBox box;

	private final Clock clock;

	SupportPasses(JdbcClient jdbc, Accounts accounts, KeyedHash hashes, Randomness randomness, RequestGate gate,
			ApplicationEventPublisher events, SecretBox box, Clock clock) {
		this.box = box;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.hashes = hashes;
		this.randomness = randomness;
		this.gate = gate;
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

		/** Past half the network's budget, or during a stuffing wave: solve a CAPTCHA for {@code support} first. */
		record CaptchaNeeded(Rejection rejection) implements Started {
		}
	}

	/**
	 * Starts a pass: the same work whether or not the address belongs to an account (one indexed lookup, one row
	 * with the code sealed for the sender), so neither the answer nor its timing tells which addresses have
	 * accounts. {@link SupportCodeSender} sends the code later, to an account's address only.
	 */
	@Transactional
	public Started start(String rawIdentifier, @Nullable String captcha, RequestContext context) {
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		if (identifier.isEmpty()) {
			return new Started.Refused(SupportRejection.IDENTIFIER_INVALID);
		}
		switch (this.gate.admit(CaptchaAction.SUPPORT, LimitedAction.RESET, context.ip(), captcha)) {
			case RequestGate.Answer.Wait wait -> {
				return new Started.Refused(SupportRejection.NETWORK_LIMIT);
			}
			case RequestGate.Answer.Captcha needed -> {
				return new Started.CaptchaNeeded(needed.rejection());
			}
			case RequestGate.Answer.Pass pass -> {
			}
		}
		Instant now = this.clock.instant();
		byte[] destination = this.hashes.hash(DESTINATION_PURPOSE, identifier.get().value());
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("support-start:" + identifier.get().value())
			.query((rs, n) -> 1)
			.single();
		int recent = this.jdbc.sql("select count(*) from support_passes where destination_hash = ? and created_at > ?")
			.params(destination, Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Integer.class)
			.single();
		if (recent >= MAX_STARTS_PER_ADDRESS) {
			return new Started.Refused(SupportRejection.ADDRESS_LIMIT);
		}
		// Frozen and locked accounts too: they are who needs support most.
		UUID accountId = this.accounts.findByIdentifier(identifier.get()).map(Account::id).orElse(null);
		String holder = HOLDER_PREFIX + this.randomness.token(32);
		String code = this.randomness.digits(6);
		UUID id = this.randomness.uuid();
		SecretBox.Sealed pending = this.box.seal(identifier.get().value() + "\n" + code, id.toString());
		this.jdbc.sql("""
				insert into support_passes (id, holder_hash, account_id, destination, destination_hash, code_hash,
				    pending_key, pending, requested_ip, requested_device, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, this.hashes.hash(HOLDER_PURPOSE, holder), accountId, identifier.get().masked(), destination,
					this.hashes.hash(CODE_PURPOSE, code), pending.keyId(), pending.ciphertext(), context.ip().toString(),
					context.userAgent(), Timestamp.from(now), Timestamp.from(now.plus(CODE_VALIDITY)))
			.update();
		return new Started.CodeSent(holder, identifier.get().masked());
	}

	/**
	 * Sends the codes waiting to go (on any node: each row is claimed once), or for an address without an account
	 * erases it. Each in its own transaction with the event it publishes.
	 */
	@Transactional
	public int sendPending(int limit) {
		record Pending(UUID id, @Nullable UUID accountId, SecretBox.Sealed sealed, RequestContext context) {
		}
		List<Pending> claimed = this.jdbc.sql("""
				with claimed as (
				    select id, account_id, pending_key, pending, requested_ip, requested_device from support_passes
				    where pending is not null order by created_at limit ? for update skip locked)
				update support_passes p set pending = null, pending_key = null from claimed where p.id = claimed.id
				returning claimed.id, claimed.account_id, claimed.pending_key, claimed.pending, claimed.requested_ip,
				          claimed.requested_device""")
			.param(limit)
			.query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
					new SecretBox.Sealed(rs.getString("pending_key"), rs.getBytes("pending")),
					RequestContext.of(ClientIp.of(rs.getString("requested_ip")), rs.getString("requested_device"))))
			.list();
		for (Pending p : claimed) {
			UUID accountId = p.accountId();
			if (accountId == null) {
				continue;
			}
			String[] opened;
			try {
				opened = this.box.open(p.sealed(), p.id().toString()).split("\n", 2);
			}
			catch (RuntimeException ex) {
				// A key that is gone or a row that was altered: the code cannot be sent; the person asks again.
				LOG.warn("support pass {}: its code could not be unsealed ({})", p.id(), ex.getClass().getSimpleName());
				continue;
			}
			Optional<Identifier> to = Identifier.parse(opened[0]);
			to.ifPresent(destination -> this.events.publishEvent(new SupportEvents.SupportCodeIssued(accountId,
					destination, opened[1], p.context())));
		}
		return claimed.size();
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
		boolean right = this.hashes.matches(CODE_PURPOSE, code.replaceAll("\\s", ""), counted.get().codeHash());
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

	/** Ends a pass at once (the holder asked to start again, or to leave). */
	@Transactional
	public void end(@Nullable String holder) {
		if (holder == null || !holder.startsWith(HOLDER_PREFIX)) {
			return;
		}
		this.jdbc.sql("update support_passes set expires_at = ? where holder_hash = ? and expires_at > ?")
			.params(Timestamp.from(this.clock.instant()), this.hashes.hash(HOLDER_PURPOSE, holder),
					Timestamp.from(this.clock.instant()))
			.update();
	}

	/** Passes expired a day ago can never be used. */
	@Scheduled(fixedDelayString = "PT1H")
	void deleteExpired() {
		this.jdbc.sql("delete from support_passes where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}
}
