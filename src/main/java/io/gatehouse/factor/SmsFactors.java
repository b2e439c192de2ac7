package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sms_factors table: which accounts have SMS codes on, and the number they go to. */
@Repository
class SmsFactors {

	private final JdbcClient jdbc;

	SmsFactors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> phone(UUID accountId) {
		return this.jdbc.sql("select phone from sms_factors where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional();
	}

	/** False when the account already has SMS codes on. */
	boolean insert(UUID accountId, String phone, Instant now) {
		return this.jdbc.sql("""
				insert into sms_factors (account_id, phone, enabled_at) values (?, ?, ?)
				on conflict (account_id) do nothing""")
			.params(accountId, phone, Timestamp.from(now))
			.update() == 1;
	}

	/** False when the account had no SMS codes on. */
	boolean delete(UUID accountId) {
		return this.jdbc.sql("delete from sms_factors where account_id = ?").param(accountId).update() > 0;
	}

	void changePhone(UUID accountId, String phone) {
		this.jdbc.sql("update sms_factors set phone = ? where account_id = ?").params(phone, accountId).update();
	}
}
