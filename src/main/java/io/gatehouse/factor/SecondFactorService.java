package io.gatehouse.factor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which second factors an account may use, strongest first. The server decides; a client may only
 * choose among these (SU-03, and D1 for SMS): asking for a weaker factor than the list allows is
 * refused and recorded.
 */
@Service
public class SecondFactorService {

	/** The second factors, strongest first; the wire name is the lower-case constant name. */
	public enum Kind {
		PASSKEY, TOTP, SMS, BACKUP_CODE;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Optional<Kind> parse(String wire) {
			for (Kind kind : values()) {
				if (kind.wireName().equals(wire)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}
	}

	private final JdbcClient jdbc;

	SecondFactorService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the account has a passkey or an authenticator app: what backup codes stand in for. */
	public boolean anyStrong(UUID accountId) {
		return !strong(accountId).isEmpty();
	}

	/** The account's strong factors, strongest first: the ones step-up accepts (never SMS). */
	public List<Kind> strong(UUID accountId) {
		return enrolled(accountId).strong();
	}

	/** Whether sign-in must ask this account for a second factor (one query: every password sign-in asks). */
	public boolean anyEnrolled(UUID accountId) {
		Enrolled has = enrolled(accountId);
		return has.passkey() || has.totp() || has.sms();
	}

	/**
	 * The factors this account may present at the second step, strongest first. SMS, the weakest, is
	 * offered only when the account has nothing stronger: once a passkey or authenticator app is set up, a
	 * SIM swap no longer gets anyone in. Backup codes are the fallback for a lost device and only exist
	 * beside a real factor.
	 */
	public List<Kind> allowed(UUID accountId) {
		return enrolled(accountId).allowed();
	}

	/** What the account has, in one query: every sign-in that passes its password asks. */
	private static final String ENROLLED = """
			select exists (select 1 from passkeys where account_id = ?) as passkey,
			       exists (select 1 from factors where account_id = ? and kind = 'TOTP' and status = 'ACTIVE') as totp,
			       exists (select 1 from sms_factors where account_id = ?) as sms,
			       exists (select 1 from backup_codes where account_id = ? and used_at is null) as backup""";

	private Enrolled enrolled(UUID accountId) {
		return this.jdbc.sql(ENROLLED)
			.params(accountId, accountId, accountId, accountId)
			.query((rs, n) -> enrolled(rs))
			.single();
	}

	private static Enrolled enrolled(ResultSet rs) throws SQLException {
		return new Enrolled(rs.getBoolean("passkey"), rs.getBoolean("totp"), rs.getBoolean("sms"), rs.getBoolean("backup"));
	}

	private record Enrolled(boolean passkey, boolean totp, boolean sms, boolean backup) {

		/**
		 * The factors this account may present at the second step, strongest first. SMS, the weakest, is
		 * offered only when the account has nothing stronger: once a passkey or authenticator app is set
		 * up, a SIM swap no longer gets anyone in. Backup codes are the fallback for a lost device and
		 * only exist beside a real factor.
		 */
		List<Kind> allowed() {
			List<Kind> allowed = new ArrayList<>(strong());
			if (allowed.isEmpty() && this.sms) {
				allowed.add(Kind.SMS);
			}
			if (!allowed.isEmpty() && this.backup) {
				allowed.add(Kind.BACKUP_CODE);
			}
			return List.copyOf(allowed);
		}

		List<Kind> strong() {
			List<Kind> strong = new ArrayList<>();
			if (this.passkey) {
				strong.add(Kind.PASSKEY);
			}
			if (this.totp) {
				strong.add(Kind.TOTP);
			}
			return List.copyOf(strong);
		}
	}

	public List<String> allowedWireNames(UUID accountId) {
		return allowed(accountId).stream().map(Kind::wireName).toList();
	}
}
