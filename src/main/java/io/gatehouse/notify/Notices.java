package io.gatehouse.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.DeviceNames;

import org.springframework.stereotype.Component;

/**
 * What every notification rule needs: the account, where a request came from in words (time, address,
 * device name; never the raw User-Agent), and sending to one channel or to all of the account's. Security
 * notices carry the anti-phishing code.
 */
@Component
class Notices {

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final NotificationService notifications;

	private final Accounts accounts;

	private final Clock clock;

	private final DeviceNames deviceNames;

	Notices(NotificationService notifications, Accounts accounts, Clock clock, DeviceNames deviceNames) {
		this.notifications = notifications;
		this.accounts = accounts;
		this.clock = clock;
		this.deviceNames = deviceNames;
	}

	Optional<Account> account(UUID accountId) {
		return this.accounts.find(accountId);
	}

	/** The account with this verified email address, if any. */
	Optional<Account> accountByEmail(String email) {
		return io.gatehouse.account.EmailAddress.parse(email).flatMap(this.accounts::findByIdentifier);
	}

	Instant now() {
		return this.clock.instant();
	}

	/** One message to one address; see {@link NotificationService#send}. */
	void send(@Nullable UUID accountId, Channel channel, String to, String template, String subject,
			Map<String, ?> variables, @Nullable String antiPhishingCode, boolean securityNotice) {
		this.notifications.send(accountId, channel, to, template, subject, variables, antiPhishingCode, securityNotice);
	}

	/** The signals in words, for people. */
	static String reasons(List<String> signals) {
		if (signals.isEmpty()) {
			return "a sign-in";
		}
		return String.join("; ", signals.stream().map(s -> switch (s) {
			case "new_device" -> "a device that has not signed in before";
			case "new_country" -> "a country you have not signed in from lately";
			case "new_asn" -> "a network you have not signed in from lately";
			case "impossible_travel" -> "too far from your last sign-in for the time between them";
			case "recent_failures" -> "several wrong passwords just before";
			case "long_inactivity" -> "the first sign-in in a long time";
			case "anonymizer_network" -> "an anonymising network (Tor, VPN or hosting)";
			default -> s;
		}).toList());
	}

	static String recoveryWhat(String kind) {
		return kind.equals("unfreeze") ? "unfreeze your account" : "remove your second factor (lost-device recovery)";
	}

	void toAllChannels(Account account, String template, String subject, Map<String, ?> variables) {
		toAllChannels(account, template, subject, variables, true);
	}

	void toAllChannels(Account account, String template, String subject, Map<String, ?> variables,
			boolean securityNotice) {
		for (Identifier to : account.identifiers()) {
			this.notifications.send(account.id(), channel(to), to.value(), template, subject, variables,
					account.antiPhishingCode(), securityNotice);
		}
	}

	Map<String, String> withFactor(RequestContext context, String kind) {
		Map<String, String> variables = new HashMap<>(where(context));
		variables.put("factor", factorName(kind));
		return variables;
	}

	static String factorName(String kind) {
		return switch (kind) {
			case "passkey" -> "A passkey";
			case "totp" -> "An authenticator app";
			case "sms" -> "Sign-in by SMS code";
			default -> "A second factor";
		};
	}

	/** The raw User-Agent never reaches a message: it is attacker-chosen text. Its parsed name does. */
	Map<String, String> where(RequestContext context) {
		return Map.of("when", WHEN.format(this.clock.instant()), "ip", context.ip().toString(), "device",
				this.deviceNames.describe(context.userAgent()));
	}

	static Channel channel(Identifier identifier) {
		return identifier.kind() == Identifier.Kind.EMAIL ? Channel.EMAIL : Channel.SMS;
	}
}
