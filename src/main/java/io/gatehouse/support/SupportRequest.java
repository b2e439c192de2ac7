package io.gatehouse.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A support request as its owner and staff see it (the words only in {@link Message}s, opened for the reader), with
 * the address and browser it was opened from, so that nobody has to describe their device.
 */
public record SupportRequest(UUID id, UUID accountId, SupportCategory category, List<String> transactionIds,
		Status status, Instant createdAt, Instant updatedAt, String openedFrom, String openedDevice, Via openedVia) {

	/**
	 * How the asker proved who they are: a signed-in session, or a code to the account's email or phone (a support
	 * pass). A pass sees only the requests opened with a pass: proof of one channel alone never reads the rest.
	 */
	public enum Via {

		SESSION, CODE;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** Whether someone who proved themselves this way may see a request opened {@code opened}. */
		public boolean sees(Via opened) {
			return this == SESSION || opened == CODE;
		}
	}

	public enum Status {

		/** Waiting for staff. */
		OPEN,
		/** Staff replied; waiting for the owner, or done. */
		ANSWERED, CLOSED;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** One message of the thread: the owner's or a staff member's. */
	public record Message(UUID id, boolean fromStaff, @Nullable String staffName, String body, Instant createdAt,
			List<Attachment> attachments) {

		@Override
		public String toString() {
			return "Message[" + this.id + ", " + (this.fromStaff ? "staff" : "customer") + ", " + this.body.length()
					+ " chars]";
		}
	}

	public record Attachment(UUID id, String contentType, int width, int height) {
	}

	/** An attachment's rebuilt image, opened for its reader. */
	public record Image(String contentType, byte[] bytes) {

		@Override
		public String toString() {
			return "Image[" + this.contentType + ", " + this.bytes.length + " bytes]";
		}
	}

	/** A request with its thread. */
	public record Thread(SupportRequest request, List<Message> messages) {
	}

	/** An image someone uploaded, before the checks. */
	public record Upload(byte[] bytes, @Nullable String declaredType) {

		@Override
		public String toString() {
			return "Upload[" + this.bytes.length + " bytes]";
		}
	}
}
