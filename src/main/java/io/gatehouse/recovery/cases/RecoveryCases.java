package io.gatehouse.recovery.cases;

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

/** The recovery_cases, recovery_reviews and recovery_documents tables. */
@Repository
public class RecoveryCases {

	private static final String COLUMNS = """
			c.id, c.account_id, c.kind, c.status, c.email_required, c.phone_required, c.documents_required,
			c.approvals_required, c.email_proved_at, c.phone_proved_at,
			(select count(*) from recovery_documents d where d.case_id = c.id) as documents,
			c.created_at, c.expires_at, c.submitted_at, c.decided_at, c.waiting_until, c.completed_at, c.cancelled_at,
			c.cancel_reason""" + " ";

	private final JdbcClient jdbc;

	RecoveryCases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record NewCase(UUID id, UUID accountId, RecoveryCase.Kind kind, byte[] holderHash, byte[] cancelHash,
			boolean emailRequired, boolean phoneRequired, boolean documentsRequired, int approvalsRequired,
			Instant createdAt, Instant expiresAt) {
	}

	void insert(NewCase c) {
		this.jdbc.sql("""
				insert into recovery_cases (id, account_id, kind, status, holder_hash, cancel_hash, email_required,
				    phone_required, documents_required, approvals_required, created_at, expires_at)
				values (?, ?, ?, 'COLLECTING', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(c.id(), c.accountId(), c.kind().name(), c.holderHash(), c.cancelHash(), c.emailRequired(),
					c.phoneRequired(), c.documentsRequired(), c.approvalsRequired(), ts(c.createdAt()), ts(c.expiresAt()))
			.update();
	}

	Optional<RecoveryCase> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from recovery_cases c where c.id = ?")
			.param(id)
			.query(RecoveryCases::map)
			.optional();
	}

	Optional<RecoveryCase> findByHolder(byte[] holderHash) {
		return this.jdbc.sql("select " + COLUMNS + " from recovery_cases c where c.holder_hash = ?")
			.param(holderHash)
			.query(RecoveryCases::map)
			.optional();
	}

	Optional<RecoveryCase> findOpen(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from recovery_cases c
				 where c.account_id = ? and c.status in ('COLLECTING', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED')""")
			.param(accountId)
			.query(RecoveryCases::map)
			.optional();
	}

	/** Submitted and under-review cases, oldest first: the review queue. */
	List<RecoveryCase> queue(int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from recovery_cases c where c.status in ('SUBMITTED', 'UNDER_REVIEW') order by c.submitted_at limit ?""")
			.param(limit)
			.query(RecoveryCases::map)
			.list();
	}

	/** The case's status, with its row locked until the caller's transaction ends. */
	Optional<RecoveryCase.Status> lockStatus(UUID id) {
		return this.jdbc.sql("select status from recovery_cases where id = ? for update")
			.param(id)
			.query((rs, n) -> RecoveryCase.Status.valueOf(rs.getString(1)))
			.optional();
	}

	/** Makes the move if the case is still where it starts; false if another request moved it first. */
	boolean move(UUID id, RecoveryCase.Transition transition) {
		return this.jdbc.sql("update recovery_cases set status = ? where id = ? and status = ?")
			.params(transition.to().name(), id, transition.from().name())
			.update() == 1;
	}

	void storeCodes(UUID id, byte @Nullable [] emailCodeHash, byte @Nullable [] phoneCodeHash, Instant expiresAt) {
		this.jdbc.sql("update recovery_cases set email_code_hash = ?, phone_code_hash = ?, codes_expire_at = ? where id = ?")
			.params(emailCodeHash, phoneCodeHash, ts(expiresAt), id)
			.update();
	}

	/** Spends a code for one channel: true once, for the right code while the codes live and tries remain. */
	boolean proveCode(UUID id, String channel, byte[] codeHash, Instant now, int maxWrong) {
		String column = channel.equals("email") ? "email" : "phone";
		return this.jdbc.sql("update recovery_cases set " + column + "_proved_at = ?, " + column + "_code_hash = null"
				+ " where id = ? and status = 'COLLECTING' and " + column + "_code_hash = ? and " + column
				+ "_proved_at is null and codes_expire_at > ? and wrong_codes < ?")
			.params(ts(now), id, codeHash, ts(now), maxWrong)
			.update() == 1;
	}

	/** Counts a wrong code; returns the count after it. */
	int countWrong(UUID id) {
		return this.jdbc.sql("update recovery_cases set wrong_codes = wrong_codes + 1 where id = ? returning wrong_codes")
			.param(id)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void submitted(UUID id, Instant now) {
		this.jdbc.sql("update recovery_cases set submitted_at = ? where id = ?").params(ts(now), id).update();
	}

	void approved(UUID id, Instant now, @Nullable Instant waitingUntil) {
		this.jdbc.sql("update recovery_cases set decided_at = ?, waiting_until = ? where id = ?")
			.params(ts(now), waitingUntil == null ? null : ts(waitingUntil), id)
			.update();
	}

	void decided(UUID id, Instant now) {
		this.jdbc.sql("update recovery_cases set decided_at = ? where id = ?").params(ts(now), id).update();
	}

	void completed(UUID id, Instant now) {
		this.jdbc.sql("update recovery_cases set completed_at = ? where id = ?").params(ts(now), id).update();
	}

	/** Cancels an open case; false if it was not open. */
	boolean cancel(UUID id, String reason, Instant now) {
		return this.jdbc.sql("""
				update recovery_cases set status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?,
				       email_code_hash = null, phone_code_hash = null
				 where id = ? and status in ('COLLECTING', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED')""")
			.params(ts(now), reason, id)
			.update() == 1;
	}

	Optional<UUID> findByCancel(byte[] cancelHash) {
		return this.jdbc.sql("select id from recovery_cases where cancel_hash = ?")
			.param(cancelHash)
			.query(UUID.class)
			.optional();
	}

	/** Approved cases whose waiting period is over, for the completion worker; locked, skipping busy ones. */
	List<UUID> dueForCompletion(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from recovery_cases where status = 'APPROVED' and waiting_until <= ?
				 order by waiting_until limit ? for update skip locked""")
			.params(ts(now), limit)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	/** Collecting cases nobody finished in time. */
	List<UUID> staleCollecting(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from recovery_cases where status = 'COLLECTING' and expires_at <= ?
				 order by expires_at limit ? for update skip locked""")
			.params(ts(now), limit)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	// ---- reviews ---------------------------------------------------------------------------------

	/** A reviewer's decision on a case, with its reason. */
	public record Review(UUID staffId, String staffName, String decision, String reason, Instant decidedAt) {
	}

	/** Records a reviewer's decision; false if this reviewer already decided this case. */
	boolean review(UUID caseId, UUID staffId, String staffName, String decision, String reason, Instant now) {
		return this.jdbc.sql("""
				insert into recovery_reviews (case_id, staff_id, staff_name, decision, reason, decided_at)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(caseId, staffId, staffName, decision, reason, ts(now))
			.update() == 1;
	}

	List<Review> reviews(UUID caseId) {
		return this.jdbc.sql("""
				select staff_id, staff_name, decision, reason, decided_at from recovery_reviews
				 where case_id = ? order by decided_at""")
			.param(caseId)
			.query((rs, n) -> new Review(rs.getObject("staff_id", UUID.class), rs.getString("staff_name"),
					rs.getString("decision"), rs.getString("reason"), rs.getTimestamp("decided_at").toInstant()))
			.list();
	}

	// ---- documents -------------------------------------------------------------------------------

	/** What is known of an evidence photo without opening it. */
	public record Document(UUID id, UUID caseId, String kind, String contentType, int size, int width, int height,
			Instant createdAt) {
	}

	record SealedDocument(Document document, SecretBox.Sealed sealed) {
	}

	/** Stores (or replaces, while collecting) the case's document of this kind. */
	void putDocument(Document d, SecretBox.Sealed sealed) {
		this.jdbc.sql("""
				insert into recovery_documents (id, case_id, kind, content_type, size_bytes, width, height, key_id, sealed,
				    created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (case_id, kind) do update
				    set id = excluded.id, content_type = excluded.content_type, size_bytes = excluded.size_bytes,
				        width = excluded.width, height = excluded.height, key_id = excluded.key_id,
				        sealed = excluded.sealed, created_at = excluded.created_at""")
			.params(d.id(), d.caseId(), d.kind(), d.contentType(), d.size(), d.width(), d.height(), sealed.keyId(),
					sealed.ciphertext(), ts(d.createdAt()))
			.update();
	}

	List<Document> documents(UUID caseId) {
		return this.jdbc.sql("""
				select id, case_id, kind, content_type, size_bytes, width, height, created_at from recovery_documents
				 where case_id = ? order by kind""")
			.param(caseId)
			.query((rs, n) -> document(rs))
			.list();
	}

	/** A document by id, only within the given case: an id from another case is simply not found. */
	Optional<SealedDocument> sealedDocument(UUID caseId, UUID documentId) {
		return this.jdbc.sql("""
				select id, case_id, kind, content_type, size_bytes, width, height, created_at, key_id, sealed
				  from recovery_documents where case_id = ? and id = ?""")
			.params(caseId, documentId)
			.query((rs, n) -> new SealedDocument(document(rs),
					new SecretBox.Sealed(rs.getString("key_id"), rs.getBytes("sealed"))))
			.optional();
	}

	private static Document document(ResultSet rs) throws SQLException {
		return new Document(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getString("kind"),
				rs.getString("content_type"), rs.getInt("size_bytes"), rs.getInt("width"), rs.getInt("height"),
				rs.getTimestamp("created_at").toInstant());
	}

	private static RecoveryCase map(ResultSet rs, int n) throws SQLException {
		return new RecoveryCase(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				RecoveryCase.Kind.valueOf(rs.getString("kind")), RecoveryCase.Status.valueOf(rs.getString("status")),
				rs.getBoolean("email_required"), rs.getBoolean("phone_required"), rs.getBoolean("documents_required"),
				rs.getInt("approvals_required"), instant(rs, "email_proved_at"), instant(rs, "phone_proved_at"),
				rs.getInt("documents"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), instant(rs, "submitted_at"), instant(rs, "decided_at"),
				instant(rs, "waiting_until"), instant(rs, "completed_at"), instant(rs, "cancelled_at"),
				rs.getString("cancel_reason"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}
}
