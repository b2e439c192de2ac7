package io.gatehouse.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person's account. The password hash is deliberately absent: it is read only by the password
 * checks inside this module.
 */
public record Account(UUID id, @Nullable EmailAddress email, @Nullable PhoneNumber phone, Status status,
		Country country, int kycLevel, @Nullable String antiPhishingCode, Instant passwordChangedAt,
		Instant createdAt) {

	public enum Status {
		ACTIVE, FROZEN, DISABLED
	}

	/** Every verified identifier, for context checks and for notices that go to all channels. */
	public List<Identifier> identifiers() {
		List<Identifier> out = new ArrayList<>(2);
		if (this.email != null) {
			out.add(this.email);
		}
		if (this.phone != null) {
			out.add(this.phone);
		}
		return out;
	}

	@Override
	public String toString() {
		return "Account[id=" + this.id + ", status=" + this.status + "]";
	}
}
