package io.gatehouse.recovery.cases;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner stops a case at any point before completion: from its status page, or with the link every
 * channel received when it started (RC-03), without signing in.
 */
@Service
public class CaseCancellation {

	private final RecoveryCases cases;

	private final CaseSecrets secrets;

	private final RateLimits rateLimits;

	private final TransactionTemplate tx;

	CaseCancellation(RecoveryCases cases, CaseSecrets secrets, RateLimits rateLimits, TransactionTemplate tx) {
		this.cases = cases;
		this.secrets = secrets;
		this.rateLimits = rateLimits;
		this.tx = tx;
	}

	/** The owner cancels from the status page. */
	public CaseResult byHolder(@Nullable String holder, RequestContext context) {
		Optional<RecoveryCase> c = this.secrets.byHolder(holder).filter(x -> x.status().open());
		if (c.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		return Boolean.TRUE.equals(this.tx.execute(s -> this.secrets.cancel(c.get(), "cancelled_by_owner", context)))
				? new CaseResult.Updated(this.cases.find(c.get().id()).orElseThrow())
				: new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
	}

	/** Whether a cancel link names a case that can still be cancelled (the confirmation page shows only then). */
	public boolean linkIsLive(String token) {
		return this.secrets.byCancelToken(token).filter(c -> c.status().open()).isPresent();
	}

	/** The link from the messages cancels the case. */
	public CaseResult byLink(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new CaseResult.Limited(limited.get());
		}
		Optional<RecoveryCase> c = this.secrets.byCancelToken(token);
		boolean cancelled = c.isPresent()
				&& Boolean.TRUE.equals(this.tx.execute(s -> this.secrets.cancel(c.get(), "cancelled_by_link", context)));
		if (!cancelled) {
			this.tx.executeWithoutResult(s -> this.rateLimits.record(LimitedAction.RESET, context.ip()));
			return new CaseResult.Refused(RecoveryRejection.CANCEL_LINK_INVALID);
		}
		return new CaseResult.Updated(this.cases.find(c.get().id()).orElseThrow());
	}
}
