package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;

import io.gatehouse.apikey.ApiKeyEvents.ApiKeyChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every change to an API key is told on every channel as a security notice (with the anti-phishing code and
 * a freeze link); a key that can withdraw says so loudly.
 */
@Component
class ApiKeyNotices {

	private final Notices notices;

	ApiKeyNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(ApiKeyChanged event) {
		this.notices.account(event.accountId()).ifPresent(account -> {
			Map<String, Object> variables = new HashMap<>();
			if (event.context() != null) {
				variables.putAll(this.notices.where(event.context()));
			}
			else {
				variables.put("when", Notices.WHEN.format(this.notices.now()));
				variables.put("ip", "our systems");
				variables.put("device", "no device");
			}
			variables.put("name", event.name());
			variables.put("apiKey", event.apiKey());
			variables.put("permissions", event.permissions());
			variables.put("ips", event.ipAllowList().isEmpty() ? "any address" : event.ipAllowList());
			variables.put("what", switch (event.change()) {
				case "created" -> "was created";
				case "edited" -> "was changed";
				case "enabled" -> "was enabled again";
				case "deleted" -> "was deleted";
				case "suspended" -> "was suspended (" + reason(event.reason()) + "); enable it again from API keys once you are sure your account is safe";
				case "disabled" -> "was disabled because it was not used for 30 days while it could trade from any address";
				default -> event.change();
			});
			variables.put("warning", event.canWithdraw() && !event.change().equals("deleted")
					? "WARNING: this key can WITHDRAW funds from the addresses listed. Withdrawals are paused for 24 hours. "
					: "");
			this.notices.toAllChannels(account, "api-key-changed", "API key " + event.name() + " " + switch (event.change()) {
				case "created" -> "created";
				case "edited" -> "changed";
				case "enabled" -> "enabled";
				case "deleted" -> "deleted";
				case "suspended" -> "suspended";
				default -> "disabled";
			}, variables);
		});
	}

	private static String reason(@org.jspecify.annotations.Nullable String reason) {
		return switch (reason == null ? "" : reason) {
			case "account_frozen" -> "your account was frozen";
			case "password_reset" -> "your password was reset";
			case "lost_factor_recovery" -> "your account was recovered";
			case "contact_change_reverted" -> "a contact change was reverted";
			case "maker_left_team" -> "the team member who made it left your team";
			case "maker_role_lowered" -> "the team member who made it has a lower role now";
			default -> "for your account's safety";
		};
	}
}
