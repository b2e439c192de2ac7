package io.gatehouse.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's email address and phone number as they change after sign-up. The recovery module decides
 * when a change is proven (a code from the new address) or undone (the revert link sent to the old one);
 * this class makes the change itself: guarded by the value the caller expects to replace, unique across
 * accounts, announced by {@link ContactChanged} in the same transaction (outstanding reset secrets die, the
 * SMS factor follows a new number) and followed by the 24 h security cooldown (D10).
 */
@Service
public class ContactService {

	private final JdbcClient jdbc;

	private final CooldownService cooldowns;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ContactService(JdbcClient jdbc, CooldownService cooldowns, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.cooldowns = cooldowns;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Replaces {@code from} (null: the account has none of this kind) with {@code to} (null: remove it, only
	 * when undoing an addition). False, and nothing changes, when the account no longer holds {@code from},
	 * when {@code to} belongs to another account, or when the account would be left without any identifier.
	 *
	 * @param via why: {@code confirmed} for a proven change, {@code reverted} for an undone one
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean replace(UUID accountId, Identifier.Kind kind, @Nullable Identifier from, @Nullable Identifier to,
			String via, RequestContext context) {
		String column = kind == Identifier.Kind.EMAIL ? "email" : "phone";
		String other = kind == Identifier.Kind.EMAIL ? "phone" : "email";
		String fromValue = from == null ? null : from.value();
		String toValue = to == null ? null : to.value();
		int updated;
		try {
			updated = this.jdbc.sql("update accounts set " + column + " = ?, " + column + "_verified_at = ? where id = ? and "
					+ column + " is not distinct from cast(? as text) and (cast(? as text) is not null or " + other
					+ " is not null)")
				.params(toValue, toValue == null ? null : Timestamp.from(this.clock.instant()), accountId, fromValue,
						toValue)
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			// The new address is another account's (the unique index decides, under any race).
			throw new ContactUnavailable();
		}
		if (updated != 1) {
			return false;
		}
		this.events.publishEvent(new ContactChanged(accountId, kind, from, to, via, context));
		this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE,
				kind == Identifier.Kind.EMAIL ? "email_changed" : "phone_changed", context);
		return true;
	}

	/** Whether any account already uses this address. */
	public boolean inUse(Identifier identifier) {
		String column = identifier.kind() == Identifier.Kind.EMAIL ? "email" : "phone";
		return this.jdbc.sql("select exists (select 1 from accounts where " + column + " = ?)")
			.param(identifier.value())
			.query(Boolean.class)
			.single();
	}

	/** The new address was taken by another account at the last moment; the caller's transaction rolls back. */
	public static final class ContactUnavailable extends RuntimeException {

		ContactUnavailable() {
			super("the address belongs to another account", null, false, false);
		}
	}

	/**
	 * The account's email or phone changed. Addresses are masked in the record; the full values stay in
	 * the accounts table.
	 */
	public record ContactChanged(UUID accountId, Identifier.Kind kind, @Nullable Identifier from,
			@Nullable Identifier to, String via, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return this.kind == Identifier.Kind.EMAIL ? "email_changed" : "phone_changed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("via", this.via, "from", this.from == null ? "-" : this.from.masked(), "to",
					this.to == null ? "-" : this.to.masked());
		}

		@Override
		public String toString() {
			return "ContactChanged[account=" + this.accountId + ", kind=" + this.kind + ", via=" + this.via + "]";
		}
	}
}
