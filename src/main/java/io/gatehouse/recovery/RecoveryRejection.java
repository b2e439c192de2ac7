package io.gatehouse.recovery;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.Rejection.Definition;

/** Refusals of recovery and self-service. */
public enum RecoveryRejection implements Rejection {

	/** Never existed, used, expired, replaced, out of tries: one answer for all (RP-02, RP-10). */
	RESET_INVALID(Rejection.of("reset_invalid", HttpStatus.BAD_REQUEST,
			"This reset link or code does not work: it may have expired, been used or been replaced by a newer one. "
					+ "Ask for a new one.")),
	RESET_REQUEST_INVALID(Rejection.of("reset_request_invalid", HttpStatus.BAD_REQUEST,
			"Send either the token from the link, or the identifier and the code from the message.")),
	/** Used, expired or never issued: one answer. */
	FREEZE_LINK_INVALID(Rejection.of("freeze_link_invalid", HttpStatus.BAD_REQUEST,
			"This freeze link does not work: it may have been used or expired. If you think your account is at risk, "
					+ "sign in and freeze it from Security, or contact support."));

	private final Definition definition;

	RecoveryRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
