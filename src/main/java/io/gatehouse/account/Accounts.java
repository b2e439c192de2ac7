package io.gatehouse.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts table. */
@Repository
public class Accounts {

	private static final String COLUMNS = "id, email, phone, status, country, kyc_level, anti_phishing_code, "
			+ "password_changed_at, created_at";

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from accounts where id = ?")
			.param(id)
			.query(Accounts::map)
			.optional();
	}

	/**
	 * The account's status, its row held against a change (a freeze) until the caller's transaction ends:
	 * money that moves in that transaction moves while the account is still as read.
	 */
	public Optional<Account.Status> lockStatus(UUID id) {
		return this.jdbc.sql("select status from accounts where id = ? for share")
			.param(id)
			.query((rs, n) -> Account.Status.valueOf(rs.getString("status")))
			.optional();
	}

	public Optional<Account> findByIdentifier(Identifier identifier) {
		String column = identifier.kind() == Identifier.Kind.EMAIL ? "email" : "phone";
		return this.jdbc.sql("select " + COLUMNS + " from accounts where " + column + " = ?")
			.param(identifier.value())
			.query(Accounts::map)
			.optional();
	}

	/**
	 * Binds a verified phone number to an account that has none (the factor module calls this once the
	 * person has proved they hold it). False when the account already has a phone or the number belongs
	 * to another account.
	 */
	public boolean bindPhone(UUID accountId, PhoneNumber phone, Instant now) {
		try {
			return this.jdbc.sql("""
					update accounts set phone = ?, phone_verified_at = ?
					where id = ? and phone is null and not exists (select 1 from accounts where phone = ?)""")
				.params(phone.value(), Timestamp.from(now), accountId, phone.value())
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The account and its password hash, for a sign-in or password check. */
	Optional<Credentials> findCredentials(Identifier identifier) {
		String column = identifier.kind() == Identifier.Kind.EMAIL ? "email" : "phone";
		return this.jdbc.sql("select " + COLUMNS + ", password_hash from accounts where " + column + " = ?")
			.param(identifier.value())
			.query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash")))
			.optional();
	}

	Optional<Credentials> findCredentials(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + ", password_hash from accounts where id = ?")
			.param(accountId)
			.query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash")))
			.optional();
	}

	void insert(Account account, String passwordHash) {
		this.jdbc.sql("""
				insert into accounts (id, email, phone, email_verified_at, phone_verified_at, status, country,
				    kyc_level, password_hash, password_changed_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(account.id(), account.email() == null ? null : account.email().value(),
					account.phone() == null ? null : account.phone().value(),
					account.email() == null ? null : ts(account.createdAt()),
					account.phone() == null ? null : ts(account.createdAt()), account.status().name(),
					account.country().code(), account.kycLevel(), passwordHash, ts(account.passwordChangedAt()),
					ts(account.createdAt()))
			.update();
		addToHistory(account.id(), passwordHash, account.createdAt());
	}

	/** Whether recovering this account needs two different reviewers (four-eyes). */
	public boolean isHighValue(UUID accountId) {
		return this.jdbc.sql("select high_value from accounts where id = ?")
			.param(accountId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Flags or unflags the account as high-value; the caller records who did it. */
	public boolean setHighValue(UUID accountId, boolean highValue) {
		return this.jdbc.sql("update accounts set high_value = ? where id = ?").params(highValue, accountId).update() == 1;
	}

	/** Sets the identity-verification level a reviewer granted; the caller records who did it. */
	public boolean setKycLevel(UUID accountId, int level) {
		return this.jdbc.sql("update accounts set kyc_level = ? where id = ?").params(level, accountId).update() == 1;
	}

	/** Moves the account from one status to another; false if it was not in {@code from}. */
	boolean changeStatus(UUID accountId, Account.Status from, Account.Status to) {
		return this.jdbc.sql("update accounts set status = ? where id = ? and status = ?")
			.params(to.name(), accountId, from.name())
			.update() == 1;
	}

	void setAntiPhishingCode(UUID accountId, String code) {
		this.jdbc.sql("update accounts set anti_phishing_code = ? where id = ?").params(code, accountId).update();
	}

	void updatePasswordHash(UUID accountId, String passwordHash) {
		this.jdbc.sql("update accounts set password_hash = ? where id = ?").params(passwordHash, accountId).update();
	}

	void changePassword(UUID accountId, String passwordHash, Instant now) {
		this.jdbc.sql("update accounts set password_hash = ?, password_changed_at = ? where id = ?")
			.params(passwordHash, ts(now), accountId)
			.update();
		addToHistory(accountId, passwordHash, now);
	}

	/** The most recent password hashes, newest first (the current one included). */
	List<String> passwordHistory(UUID accountId, int limit) {
		return this.jdbc.sql("select password_hash from password_history where account_id = ? order by id desc limit ?")
			.params(accountId, limit)
			.query((rs, n) -> rs.getString(1))
			.list();
	}

	private void addToHistory(UUID accountId, String passwordHash, Instant at) {
		this.jdbc.sql("insert into password_history (account_id, password_hash, created_at) values (?, ?, ?)")
			.params(accountId, passwordHash, ts(at))
			.update();
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		String email = rs.getString("email");
		String phone = rs.getString("phone");
		return new Account(rs.getObject("id", UUID.class), email == null ? null : new EmailAddress(email),
				phone == null ? null : new PhoneNumber(phone), Account.Status.valueOf(rs.getString("status")),
				new Country(rs.getString("country")), rs.getInt("kyc_level"), rs.getString("anti_phishing_code"),
				instant(rs, "password_changed_at"), instant(rs, "created_at"));
	}

	static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	/** An account with its stored password hash. */
	record Credentials(Account account, String passwordHash) {

		@Override
		public String toString() {
			return "Credentials[" + this.account.id() + ", passwordHash=<redacted>]";
		}
	}
}
