package io.gatehouse.support;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.kyc.IdentityDocuments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code support_requests}, {@code support_messages}, {@code support_attachments}; bodies and images sealed. */
@Repository
class SupportStore {

	private static final String COLUMNS = "id, account_id, category, transaction_ids, status, created_at, updated_at, "
			+ "opened_ip, opened_device, opened_via";

	private final JdbcClient jdbc;

	SupportStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertRequest(UUID id, UUID accountId, SupportRequest.Via via, SupportCategory category,
			List<String> transactionIds, RequestContext context, Instant now) {
		this.jdbc.sql("""
				insert into support_requests (id, account_id, category, transaction_ids, status, created_at, updated_at,
				    opened_ip, opened_device, opened_via)
				values (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)""")
			.params(id, accountId, category.wireName(), transactionIds.toArray(String[]::new), Timestamp.from(now),
					Timestamp.from(now), context.ip().toString(), context.userAgent(), via.wireName())
			.update();
	}

	void insertMessage(UUID id, UUID requestId, @Nullable String staffName, SecretBox.Sealed body, Instant now) {
		this.jdbc.sql("""
				insert into support_messages (id, request_id, author, staff_name, key_id, sealed_body, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, requestId, staffName == null ? "customer" : "staff", staffName, body.keyId(), body.ciphertext(),
					Timestamp.from(now))
			.update();
	}

	void insertAttachment(UUID id, UUID messageId, IdentityDocuments.Checked image, SecretBox.Sealed sealed) {
		this.jdbc.sql("""
				insert into support_attachments (id, message_id, content_type, width, height, key_id, sealed)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, messageId, image.type().mediaType, image.width(), image.height(), sealed.keyId(),
					sealed.ciphertext())
			.update();
	}

	/** Locks the request row for a change of its thread or state. */
	Optional<SupportRequest> lock(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from support_requests where id = ? for update")
			.param(id)
			.query(SupportStore::request)
			.optional();
	}

	void setStatus(UUID id, SupportRequest.Status status, @Nullable String closedBy, Instant now) {
		this.jdbc.sql("update support_requests set status = ?, updated_at = ?, closed_by = ? where id = ?")
			.params(status.wireName(), Timestamp.from(now), closedBy, id)
			.update();
	}

	Optional<SupportRequest> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from support_requests where id = ?")
			.param(id)
			.query(SupportStore::request)
			.optional();
	}

	List<SupportRequest> ofAccount(UUID accountId, SupportRequest.Via seenBy, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from support_requests where account_id = ? "
				+ (seenBy == SupportRequest.Via.CODE ? "and opened_via = 'code' " : "") + "order by created_at desc limit ?")
			.params(accountId, limit)
			.query(SupportStore::request)
			.list();
	}

	/** Requests waiting for staff (open), oldest first; then the answered ones, most recent first. */
	List<SupportRequest> queue(int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from support_requests where status <> 'closed' "
				+ "order by status = 'answered', case when status = 'open' then updated_at end, updated_at desc limit ?")
			.param(limit)
			.query(SupportStore::request)
			.list();
	}

	/** How many requests the account opened since then; first waits for any other opening of the account's. */
	int openedSince(UUID accountId, Instant since) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("support-open:" + accountId)
			.query((rs, n) -> 1)
			.single();
		return this.jdbc.sql("select count(*) from support_requests where account_id = ? and created_at >= ?")
			.params(accountId, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	record StoredMessage(UUID id, @Nullable String staffName, SecretBox.Sealed body, Instant createdAt) {
	}

	List<StoredMessage> messages(UUID requestId) {
		return this.jdbc.sql("""
				select id, staff_name, key_id, sealed_body, created_at from support_messages
				where request_id = ? order by created_at, id""")
			.param(requestId)
			.query((rs, n) -> new StoredMessage(rs.getObject("id", UUID.class), rs.getString("staff_name"),
					new SecretBox.Sealed(rs.getString("key_id"), rs.getBytes("sealed_body")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	List<SupportRequest.Attachment> attachments(UUID messageId) {
		return this.jdbc.sql("select id, content_type, width, height from support_attachments where message_id = ? "
				+ "order by id")
			.param(messageId)
			.query((rs, n) -> new SupportRequest.Attachment(rs.getObject("id", UUID.class), rs.getString("content_type"),
					rs.getInt("width"), rs.getInt("height")))
			.list();
	}

	record StoredImage(UUID requestId, String contentType, SecretBox.Sealed sealed) {
	}

	Optional<StoredImage> image(UUID attachmentId) {
		return this.jdbc.sql("""
				select m.request_id, a.content_type, a.key_id, a.sealed from support_attachments a
				join support_messages m on m.id = a.message_id where a.id = ?""")
			.param(attachmentId)
			.query((rs, n) -> new StoredImage(rs.getObject(1, UUID.class), rs.getString(2),
					new SecretBox.Sealed(rs.getString(3), rs.getBytes(4))))
			.optional();
	}

	private static SupportRequest request(ResultSet rs, int n) throws SQLException {
		Array ids = rs.getArray("transaction_ids");
		return new SupportRequest(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				SupportCategory.valueOf(rs.getString("category").toUpperCase(Locale.ROOT)),
				Arrays.asList((String[]) ids.getArray()),
				SupportRequest.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("opened_ip"), rs.getString("opened_device"),
				SupportRequest.Via.valueOf(rs.getString("opened_via").toUpperCase(Locale.ROOT)));
	}
}
