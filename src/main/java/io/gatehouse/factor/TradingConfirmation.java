package io.gatehouse.factor;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Service;

/**
 * What a money or key action asks besides its own rules (PRODUCT.md §1.3): a step-up proof made for exactly
 * this action and these parameters (spent here), then the trading password (its own attempt limit counts
 * every wrong one). The proof goes first, so a request without one never reaches the password check.
 */
@Service
public class TradingConfirmation {

	private final StepUp stepUp;

	private final TradingPasswordService tradingPasswords;

	TradingConfirmation(StepUp stepUp, TradingPasswordService tradingPasswords) {
		this.stepUp = stepUp;
		this.tradingPasswords = tradingPasswords;
	}

	public Optional<Rejection> confirm(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String proof, @Nullable String tradingPassword, RequestContext context) {
		Optional<Rejection> refused = this.stepUp.consume(session, action, params, proof);
		if (refused.isPresent()) {
			return refused;
		}
		return tradingPassword(session, tradingPassword, context);
	}

	/** Whether the account has a strong factor (a passkey or an authenticator app), not only its password. */
	public boolean hasStrongFactor(java.util.UUID accountId) {
		return !this.stepUp.requiredFactor(accountId).equals("password");
	}

	/** The trading password alone (after a proof the caller spent itself). */
	public Optional<Rejection> tradingPassword(Actor.Customer session, @Nullable String tradingPassword,
			RequestContext context) {
		return this.tradingPasswords.verify(session.accountId(), tradingPassword == null ? "" : tradingPassword,
				context).map(r -> (Rejection) r);
	}
}
