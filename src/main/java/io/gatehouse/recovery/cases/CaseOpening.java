package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseStarted;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner opens a recovery case (PRODUCT.md 1.7, security-tests.md B9) with the account's identifier
 * and password. Every channel hears of it at once, with a cancel link (RC-03), and codes go to the email
 * and the phone the account has. An unfinished case gives way to the new one.
 */
@Service
public class CaseOpening {

	private final CaseCredentials credentials;

	private final RecoveryCases cases;

	private final Accounts accounts;

	private final CaseSecrets secrets;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseOpening(CaseCredentials credentials, RecoveryCases cases, Accounts accounts, CaseSecrets secrets,
			RecoveryCaseProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.credentials = credentials;
		this.cases = cases;
		this.accounts = accounts;
		this.secrets = secrets;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	public CaseResult start(String rawIdentifier, String password, RecoveryCase.Kind kind, RequestContext context) {
		return switch (this.credentials.check(rawIdentifier, password, kind, context)) {
			case CaseCredentials.Checked.Limited l -> new CaseResult.Limited(l.retryAfter());
			case CaseCredentials.Checked.Refused r -> new CaseResult.Refused(r.rejection());
			case CaseCredentials.Checked.Proven p -> open(p.account(), kind, this.clock.instant(), context);
		};
	}

	private CaseResult open(Account account, RecoveryCase.Kind kind, Instant now, RequestContext context) {
		String holder = this.secrets.newHolder();
		String cancel = this.secrets.newCancelToken();
		UUID caseId = this.secrets.newCaseId();
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<RecoveryCase> open = this.cases.findOpen(account.id());
			if (open.isPresent()) {
				if (open.get().status() != RecoveryCase.Status.COLLECTING) {
					return new CaseResult.Refused(RecoveryRejection.CASE_OPEN);
				}
				this.secrets.cancel(open.get(), "replaced", context);
			}
			this.cases.insert(new RecoveryCases.NewCase(caseId, account.id(), kind, this.secrets.holderHash(holder),
					this.secrets.cancelHash(cancel), account.email() != null, account.phone() != null,
					account.kycLevel() >= 1, this.accounts.isHighValue(account.id()) ? 2 : 1, now,
					now.plus(this.properties.collectingWindow())));
			this.events.publishEvent(new RecoveryCaseStarted(account.id(), caseId, kind.wireName(),
					this.secrets.cancelLink(cancel), context));
			this.secrets.sendCodes(caseId, account, true, true, context);
			return new CaseResult.Started(this.cases.find(caseId).orElseThrow(), holder);
		}));
	}
}
