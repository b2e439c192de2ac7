package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import io.gatehouse.account.CooldownService;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.factor.FactorEvents.BackupCodeUsed;
import io.gatehouse.factor.FactorEvents.BackupCodesGenerated;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backup codes (decision D6): 10 codes of 16 Base32 characters (80 bits), shown once, stored only as
 * keyed hashes under a key outside the database, each usable once. Regenerating replaces them all.
 * They are a second factor for sign-in when an authenticator app is set up; wrong codes count in the
 * same throttle as TOTP codes.
 */
@Service
public class BackupCodeService {

	static final int COUNT = 10;

	private static final int CODE_BYTES = 10;

	private static final String PURPOSE = "backup-code";

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final SecondFactorThrottle throttle;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final CooldownService cooldowns;

	BackupCodeService(JdbcClient jdbc, KeyedHash keyedHash, SecondFactorThrottle throttle, Randomness randomness,
			Clock clock,
			ApplicationEventPublisher events, TransactionTemplate tx, CooldownService cooldowns) {
		this.cooldowns = cooldowns;
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.throttle = throttle;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/** New codes, formatted {@code XXXX-XXXX-XXXX-XXXX}; every earlier code stops working. */
	public List<String> regenerate(UUID accountId, RequestContext context) {
		Instant now = this.clock.instant();
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			codes.add(Base32.encode(this.randomness.bytes(CODE_BYTES)));
		}
		this.tx.executeWithoutResult(s -> {
			this.jdbc.sql("delete from backup_codes where account_id = ?").param(accountId).update();
			for (String code : codes) {
				this.jdbc.sql("insert into backup_codes (account_id, code_hash, created_at) values (?, ?, ?)")
					.params(accountId, this.keyedHash.hash(PURPOSE, accountId + ":" + code), Timestamp.from(now))
					.update();
			}
			this.events.publishEvent(new BackupCodesGenerated(accountId, context));
			this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "backup_codes_regenerated", context);
		});
		return codes.stream().map(BackupCodeService::formatted).toList();
	}

	public int remaining(UUID accountId) {
		return this.jdbc.sql("select count(*) from backup_codes where account_id = ? and used_at is null")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Uses a code as the second step of a sign-in: one conditional UPDATE, so of any number of
	 * concurrent attempts with the same code exactly one succeeds.
	 */
	public Optional<Rejection> use(UUID accountId, String code, RequestContext context) {
		Instant now = this.clock.instant();
		OptionalInt attempt = this.throttle.reserve(accountId, now);
		if (attempt.isEmpty()) {
			return Optional.of(FactorRejection.TOO_MANY_FAILURES);
		}
		String canonical = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
		boolean wellFormed = canonical.length() == 16 && Base32.decode(canonical).isPresent();
		Boolean used = this.tx.execute(s -> {
			if (wellFormed && this.jdbc.sql("""
					update backup_codes set used_at = ?
					where account_id = ? and code_hash = ? and used_at is null""")
				.params(Timestamp.from(now), accountId, this.keyedHash.hash(PURPOSE, accountId + ":" + canonical))
				.update() == 1) {
				this.throttle.succeed(accountId);
				this.events.publishEvent(new BackupCodeUsed(accountId, remaining(accountId), context));
				return true;
			}
			this.events.publishEvent(new SecondFactorFailed(accountId, "backup_code", false, attempt.getAsInt(),
					context));
			return false;
		});
		return Boolean.TRUE.equals(used) ? Optional.empty() : Optional.of(FactorRejection.BACKUP_CODE_INVALID);
	}

	private static String formatted(String code) {
		return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8,
				12) + "-" + code.substring(12);
	}
}
