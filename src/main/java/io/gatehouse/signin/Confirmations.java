package io.gatehouse.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;
import io.gatehouse.signin.SignInEvents.SignInConfirmationRequested;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The confirmation codes a risky sign-in waits for: moving a flow to its confirmation step, sending
 * the 6-digit code to the owner (email, else phone), and spending a code once. Codes are stored only as
 * keyed hashes bound to their flow.
 */
@Component
class Confirmations {

	static final int DIGITS = 6;

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int MAX_WRONG = 5;

	/** At most this many confirmation codes go to one account per hour, however many sign-ins ask. */
	static final int PER_HOUR = 5;

	private static final String PURPOSE = "sign-in-confirmation";

	private final SignInFlows flows;

	private final Accounts accounts;

	private final EventCounts eventCounts;

	private final Randomness randomness;

	private final KeyedHash keyedHash;

	private final RiskEngine risk;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Confirmations(SignInFlows flows, Accounts accounts, EventCounts eventCounts, Randomness randomness,
			KeyedHash keyedHash, RiskEngine risk, ApplicationEventPublisher events, Clock clock) {
		this.flows = flows;
		this.accounts = accounts;
		this.eventCounts = eventCounts;
		this.randomness = randomness;
		this.keyedHash = keyedHash;
		this.risk = risk;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Moves the flow to its confirmation step; call inside the transaction that acts on the step, then
	 * {@link #send} the code.
	 *
	 * @param stored whether the flow is in the table already (else it is inserted)
	 * @return the moved flow, or empty when another request moved it first
	 */
	Optional<SignInFlow> moveTo(SignInFlow flow, boolean stored, UUID accountId, boolean rememberMe,
			SignInFlow.Step last, Set<RiskStep> steps, Set<Signal> signals) {
		SignInFlow next = flow.awaitConfirmation(accountId, rememberMe, last, steps, signals, this.clock.instant());
		if (!stored) {
			this.flows.insert(next);
			return Optional.of(next);
		}
		return this.flows.advance(next) ? Optional.of(next) : Optional.empty();
	}

	/**
	 * A new code for a flow at its confirmation step, to the account's email (its phone when it has no
	 * email); the old one dies, its wrong tries stay. Call inside the transaction that moved the flow there.
	 */
	void send(SignInFlow flow, UUID accountId, RequestContext context) {
		if (mayIssue(accountId)) {
			issue(flow, accountId, context);
		}
	}

	/**
	 * Whether another code may go to this account now: at most five an hour, however many sign-ins ask.
	 * Takes the per-account lock that makes parallel senders count each other's codes, so a transaction that
	 * also publishes events asks this first (before it locks an audit chain's head).
	 */
	boolean mayIssue(UUID accountId) {
		// Someone with the password may be making the owner's inbox a target: past the cap the flow waits
		// without a code (the answer is the same, so it tells the sender nothing).
		return this.eventCounts.since(accountId, "sign_in_confirmation_requested",
				this.clock.instant().minus(Duration.ofHours(1))) < PER_HOUR;
	}

	/** Issues the code; call after {@link #mayIssue} said yes, in the same transaction. */
	void issue(SignInFlow flow, UUID accountId, RequestContext context) {
		Optional<Account> account = this.accounts.find(accountId);
		if (account.isEmpty()) {
			return;
		}
		String code = this.randomness.digits(DIGITS);
		this.flows.setConfirmationCode(flow.id(), hash(flow.id(), code), this.clock.instant().plus(VALIDITY));
		Identifier to = account.get().email() != null ? account.get().email()
				: Objects.requireNonNull(account.get().phone());
		this.events.publishEvent(new SignInConfirmationRequested(accountId, flow.id(), to, code,
				(int) VALIDITY.toMinutes(), flow.riskSignals().stream().map(Signal::wireName).sorted().toList(),
				this.risk.locate(context.ip()).describe(), context));
	}

	/** Spends the flow's code if {@code code} is it (atomically); a wrong one counts, and five end the flow. */
	boolean redeem(UUID flowId, String code) {
		String presented = code.strip();
		boolean wellFormed = presented.length() == DIGITS && presented.chars().allMatch(c -> c >= '0' && c <= '9');
		return this.flows.redeemConfirmation(flowId, hash(flowId, wellFormed ? presented : "-"), this.clock.instant(),
				MAX_WRONG);
	}

	private byte[] hash(UUID flowId, String code) {
		return this.keyedHash.hash(PURPOSE, flowId + ":" + code);
	}
}
