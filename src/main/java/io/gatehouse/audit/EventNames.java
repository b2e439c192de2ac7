package io.gatehouse.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Security event types in plain words, for the history page; an unlisted type reads as its own words. */
final class EventNames {

	private static final Map<String, String> NAMES = Map.ofEntries(
			// Signing in and out
			Map.entry("account_created", "Account created"), Map.entry("sign_in_succeeded", "Signed in"),
			Map.entry("sign_in_failed", "Sign-in failed"),
			Map.entry("sign_in_password_verified", "Password accepted, second step asked"),
			Map.entry("sign_in_after_failures", "Signed in after failed attempts"),
			Map.entry("sign_in_confirmation_requested", "Sign-in confirmation emailed"),
			Map.entry("sign_in_confirmation_failed", "Sign-in confirmation code wrong"),
			Map.entry("second_factor_failed", "Second step failed"),
			Map.entry("second_factor_not_allowed", "Second step refused for this account"),
			Map.entry("authn_token_reuse", "Used sign-in code tried again"),
			Map.entry("passkey_refused", "Passkey refused"),
			Map.entry("passkey_counter_regressed", "Passkey looked cloned and was refused"),
			Map.entry("authn_impossible_travel", "Sign-in from a place too far to travel to"),
			Map.entry("session_revoked", "Signed out or session ended"),
			Map.entry("sign_up_attempted_for_existing_account", "Someone tried to sign up with your email"),
			// Lock, freeze, cooldown
			Map.entry("account_locked", "Account locked"), Map.entry("account_unlocked", "Account unlocked"),
			Map.entry("unlock_code_issued", "Unlock code sent"), Map.entry("account_frozen", "Account frozen"),
			Map.entry("account_unfrozen", "Account unfrozen"),
			Map.entry("security_cooldown_started", "Withdrawals paused after a security change"),
			Map.entry("region_restricted", "Refused in this region"),
			// Password, factors, codes
			Map.entry("password_changed", "Password changed"),
			Map.entry("password_change_refused", "Password change refused"),
			Map.entry("password_reset_requested", "Password reset asked for"),
			Map.entry("password_reset_request_ignored", "Password reset asked for while not allowed"),
			Map.entry("password_reset_started_by_staff", "Password reset started by support"),
			Map.entry("password_reset", "Password reset"), Map.entry("password_reset_failed", "Password reset failed"),
			Map.entry("factor_enrolled", "Second factor added"), Map.entry("factor_removed", "Second factor removed"),
			Map.entry("all_factors_removed", "All second factors removed"),
			Map.entry("backup_codes_generated", "Backup codes made"), Map.entry("backup_code_used", "Backup code used"),
			Map.entry("sms_code_issued", "SMS code sent"), Map.entry("verification_code_issued", "Verification code sent"),
			Map.entry("verification_failed", "Verification code wrong"),
			Map.entry("step_up_succeeded", "Identity confirmed for a sensitive action"),
			Map.entry("step_up_failed", "Identity check for a sensitive action failed"),
			Map.entry("trading_password_set", "Trading password set"),
			Map.entry("trading_password_failed", "Trading password wrong"),
			Map.entry("trading_password_locked", "Trading password locked after wrong tries"),
			Map.entry("anti_phishing_code_set", "Anti-phishing code set"),
			// Contact details
			Map.entry("contact_change_started", "Email or phone change started"),
			Map.entry("contact_change_failed", "Email or phone change code wrong"),
			Map.entry("contact_change_reverted", "Email or phone change undone"),
			Map.entry("contact_change_cancelled", "Email or phone change cancelled"),
			Map.entry("contact_claim_attempted", "Someone tried to take your email or phone"),
			Map.entry("email_changed", "Email changed"), Map.entry("phone_changed", "Phone changed"),
			// Recovery
			Map.entry("recovery_case_started", "Account recovery started"),
			Map.entry("recovery_start_failed", "Account recovery could not start"),
			Map.entry("recovery_code_issued", "Recovery code sent"),
			Map.entry("recovery_proof_accepted", "Recovery proof accepted"),
			Map.entry("recovery_proof_failed", "Recovery proof wrong"),
			Map.entry("recovery_document_added", "Recovery document added"),
			Map.entry("recovery_document_refused", "Recovery document refused"),
			Map.entry("recovery_case_submitted", "Account recovery sent for review"),
			Map.entry("recovery_review_started", "Account recovery under review"),
			Map.entry("recovery_case_viewed", "Account recovery viewed by support"),
			Map.entry("recovery_document_viewed", "Recovery document viewed by support"),
			Map.entry("recovery_case_decided", "Account recovery decided"),
			Map.entry("recovery_case_approved", "Account recovery approved"),
			Map.entry("recovery_case_rejected", "Account recovery rejected"),
			Map.entry("recovery_case_completed", "Account recovery completed"),
			Map.entry("recovery_case_cancelled", "Account recovery cancelled"),
			// API keys
			Map.entry("api_keys_suspended", "API keys suspended"), Map.entry("api_key_created", "API key created"),
			Map.entry("api_key_edited", "API key changed"), Map.entry("api_key_deleted", "API key deleted"),
			Map.entry("api_key_enabled", "API key enabled"), Map.entry("api_key_suspended", "API key suspended"),
			Map.entry("api_key_disabled", "API key disabled after long disuse"),
			Map.entry("authz_fail", "API key used beyond its rights"),
			// Money
			Map.entry("deposit_credited", "Deposit credited"),
			Map.entry("internal_transfer_made", "Funds moved between your accounts"),
			Map.entry("sub_transfer_made", "Funds moved with a sub-account"),
			Map.entry("sub_account_created", "Sub-account created"), Map.entry("sub_account_frozen", "Sub-account frozen"),
			Map.entry("sub_account_unfrozen", "Sub-account unfrozen"),
			// Team
			Map.entry("team_member_invited", "Member invited"),
			Map.entry("team_invitation_revoked", "Invitation revoked"),
			Map.entry("team_invitation_declined", "Invitation declined"),
			Map.entry("team_invitation_refused", "Invitation tried by another account"),
			Map.entry("team_member_joined", "Member joined"),
			Map.entry("team_member_role_changed", "Member's role changed"),
			Map.entry("team_member_removed", "Member removed"), Map.entry("team_member_left", "Member left"),
			Map.entry("sub_account_futures_activated", "Futures opened on a sub-account"),
			Map.entry("futures_activated", "Futures account opened"),
			Map.entry("ledger_correction_proposed", "Balance correction proposed by support"),
			Map.entry("ledger_correction_decided", "Balance correction decided"),
			Map.entry("withdrawal_requested", "Withdrawal requested"),
			Map.entry("withdrawal_cancelled", "Withdrawal cancelled"),
			Map.entry("withdrawal_approved", "Withdrawal approved by review"),
			Map.entry("withdrawal_rejected", "Withdrawal rejected by review"),
			Map.entry("withdrawal_processing", "Withdrawal being sent"),
			Map.entry("withdrawal_succeeded", "Withdrawal sent"), Map.entry("withdrawal_failed", "Withdrawal failed"),
			Map.entry("withdrawal_late_success_refused", "Late wallet report refused"),
			Map.entry("withdrawal_address_added", "Withdrawal address added"),
			Map.entry("withdrawal_address_removed", "Withdrawal address removed"),
			Map.entry("withdrawal_whitelist_on", "Withdrawal whitelist turned on"),
			Map.entry("withdrawal_whitelist_off_requested", "Withdrawal whitelist turn-off asked for"),
			Map.entry("withdrawal_whitelist_off_cancelled", "Withdrawal whitelist turn-off cancelled"),
			Map.entry("kyc_submitted", "Identity documents sent"), Map.entry("kyc_approved", "Identity verified"),
			Map.entry("kyc_rejected", "Identity verification rejected"),
			// Support
			Map.entry("support_request_opened", "Support request sent"),
			Map.entry("support_request_replied", "Message added to a support request"),
			Map.entry("support_request_viewed", "Support request read by our staff"),
			Map.entry("support_request_answered", "Support replied to your request"),
			Map.entry("support_request_closed", "Support request closed"));

	private static final Map<String, String> SIGNALS = Map.of("new_device", "new device", "new_country",
			"new country", "new_asn", "new network", "impossible_travel", "too far from the last sign-in",
			"recent_failures", "after wrong passwords", "long_inactivity", "first sign-in in a long time",
			"anonymizer_network", "anonymising network");

	private EventNames() {
	}

	/** A risk assessment's signals in words: "new device, new network". */
	static String signals(List<String> wireNames) {
		return String.join(", ", wireNames.stream().filter(s -> !s.isBlank()).map(s -> SIGNALS.getOrDefault(s,
				s.replace('_', ' '))).toList());
	}

	static String of(String type) {
		String name = NAMES.get(type);
		if (name != null) {
			return name;
		}
		String words = type.replace('_', ' ');
		return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
	}
}
