package io.gatehouse.kyc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** KYC applications and their sealed photos (tables {@code kyc_applications}, {@code kyc_documents}). */
@Repository
class KycApplications {

	private static final String COLUMNS = "id, account_id, country, status, level, reason, submitted_at, decided_name, "
			+ "decided_at";

	private final JdbcClient jdbc;

	KycApplications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts an application; false when the account already has one waiting (the partial unique index). */
	boolean insert(UUID id, UUID accountId, String country, SecretBox.Sealed details, Instant now) {
		return this.jdbc.sql("""
				insert into kyc_applications (id, account_id, country, key_id, details, status, submitted_at)
				values (?, ?, ?, ?, ?, 'SUBMITTED', ?) on conflict do nothing""")
			.params(id, accountId, country, details.keyId(), details.ciphertext(), Timestamp.from(now))
			.update() == 1;
	}

	void insertDocument(UUID id, UUID applicationId, String kind, IdentityDocuments.Checked photo,
			SecretBox.Sealed sealed) {
		this.jdbc.sql("""
				insert into kyc_documents (id, application_id, kind, content_type, width, height, key_id, sealed)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, applicationId, kind, photo.type().mediaType, photo.width(), photo.height(), sealed.keyId(),
					sealed.ciphertext())
			.update();
	}

	Optional<Kyc.Application> latest(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from kyc_applications where account_id = ? "
				+ "order by submitted_at desc limit 1")
			.param(accountId)
			.query(KycApplications::application)
			.optional();
	}

	Optional<Kyc.Application> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from kyc_applications where id = ?")
			.param(id)
			.query(KycApplications::application)
			.optional();
	}

	/** The applications waiting for a decision, oldest first. */
	List<Kyc.Application> waiting(int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from kyc_applications where status = 'SUBMITTED' "
				+ "order by submitted_at limit ?")
			.param(limit)
			.query(KycApplications::application)
			.list();
	}

	Optional<SecretBox.Sealed> details(UUID id) {
		return this.jdbc.sql("select key_id, details from kyc_applications where id = ?")
			.param(id)
			.query((rs, n) -> new SecretBox.Sealed(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

	record StoredPhoto(UUID id, String contentType, SecretBox.Sealed sealed) {
	}

	Optional<StoredPhoto> document(UUID applicationId, String kind) {
		return this.jdbc.sql("select id, content_type, key_id, sealed from kyc_documents where application_id = ? and kind = ?")
			.params(applicationId, kind)
			.query((rs, n) -> new StoredPhoto(rs.getObject(1, UUID.class), rs.getString(2),
					new SecretBox.Sealed(rs.getString(3), rs.getBytes(4))))
			.optional();
	}

	/** Decides a waiting application once: false if it was decided already. */
	boolean decide(UUID id, String status, @Nullable Integer level, String reason, UUID staffId, String staffName,
			Instant now) {
		return this.jdbc.sql("""
				update kyc_applications set status = ?, level = ?, reason = ?, decided_by = ?, decided_name = ?,
				    decided_at = ?
				where id = ? and status = 'SUBMITTED'""")
			.params(status, level, reason, staffId, staffName, Timestamp.from(now), id)
			.update() == 1;
	}

	private static Kyc.Application application(ResultSet rs, int n) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		Object level = rs.getObject("level");
		return new Kyc.Application(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("country"), Kyc.Status.valueOf(rs.getString("status")),
				level == null ? null : ((Number) level).intValue(), rs.getString("reason"),
				rs.getTimestamp("submitted_at").toInstant(), rs.getString("decided_name"),
				decided == null ? null : decided.toInstant());
	}
}
