package io.gatehouse.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Conservation, checkable at any time: per currency, debits equal credits over every ledger account,
 * system accounts included (posted and pending alike); every account's four sums equal what its transfers
 * add up to; every transfer has its two postings. Reads only; run it from the command line
 * ({@code ledger verify}) or the staff console.
 */
@Service
public class LedgerCheck {

	/** How long a report from {@link #recent} is served again instead of scanning the ledger once more. */
	static final Duration REUSE = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile @Nullable Timed last;

	LedgerCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private record Timed(Instant at, Report report) {
	}

	/**
	 * A report at most {@link #REUSE} old: the check reads every transfer, so pages and APIs that anyone on
	 * support may reload share one run instead of each starting a scan.
	 */
	public Report recent() {
		Instant now = this.clock.instant();
		Timed seen = this.last;
		if (seen != null && !now.isBefore(seen.at()) && now.isBefore(seen.at().plus(REUSE))) {
			return seen.report();
		}
		Report report = run();
		this.last = new Timed(now, report);
		return report;
	}

	public Report run() {
		List<CurrencySums> sums = this.jdbc.sql("""
				select currency, sum(debits_posted) as dp, sum(credits_posted) as cp, sum(debits_pending) as dh,
				       sum(credits_pending) as ch, count(*) as accounts
				from ledger_accounts group by currency order by currency""")
			.query((rs, n) -> new CurrencySums(rs.getString("currency"), big(rs.getBigDecimal("dp")),
					big(rs.getBigDecimal("cp")), big(rs.getBigDecimal("dh")), big(rs.getBigDecimal("ch")),
					rs.getLong("accounts")))
			.list();
		List<Drift> drifts = this.jdbc.sql("""
				with moves as (
				    select debit_account_id as account_id,
				           case when phase in ('SINGLE', 'POST') then amount else 0 end as dp, 0 as cp,
				           case phase when 'PENDING' then amount when 'SINGLE' then 0 else -amount end as dh, 0 as ch
				    from ledger_transfers
				    union all
				    select credit_account_id, 0, case when phase in ('SINGLE', 'POST') then amount else 0 end,
				           0, case phase when 'PENDING' then amount when 'SINGLE' then 0 else -amount end
				    from ledger_transfers),
				summed as (
				    select account_id, sum(dp) as dp, sum(cp) as cp, sum(dh) as dh, sum(ch) as ch
				    from moves group by account_id)
				select a.id, a.currency, a.type, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending,
				       coalesce(s.dp, 0) as sdp, coalesce(s.cp, 0) as scp, coalesce(s.dh, 0) as sdh, coalesce(s.ch, 0) as sch
				from ledger_accounts a left join summed s on s.account_id = a.id
				where a.debits_posted <> coalesce(s.dp, 0) or a.credits_posted <> coalesce(s.cp, 0)
				   or a.debits_pending <> coalesce(s.dh, 0) or a.credits_pending <> coalesce(s.ch, 0)
				order by a.id limit 100""")
			.query((rs, n) -> new Drift(rs.getLong("id"), rs.getString("currency"), rs.getString("type"),
					big(rs.getBigDecimal("debits_posted")).subtract(big(rs.getBigDecimal("sdp"))),
					big(rs.getBigDecimal("credits_posted")).subtract(big(rs.getBigDecimal("scp"))),
					big(rs.getBigDecimal("debits_pending")).subtract(big(rs.getBigDecimal("sdh"))),
					big(rs.getBigDecimal("credits_pending")).subtract(big(rs.getBigDecimal("sch")))))
			.list();
		long transfers = this.jdbc.sql("select count(*) from ledger_transfers").query(Long.class).single();
		long unposted = this.jdbc.sql("""
				select count(*) from ledger_transfers t
				where (select count(*) from ledger_postings p where p.transfer_id = t.id) <> 2""")
			.query(Long.class)
			.single();
		return new Report(sums, drifts, transfers, unposted);
	}

	private static BigInteger big(BigDecimal value) {
		return value.toBigIntegerExact();
	}

	/** What the check found. Conserved when every currency balances, no account drifts and every transfer is posted. */
	public record Report(List<CurrencySums> currencies, List<Drift> drifts, long transfers,
			long transfersWithoutTwoPostings) {

		public Report {
			currencies = List.copyOf(currencies);
			drifts = List.copyOf(drifts);
		}

		public boolean conserved() {
			return this.drifts.isEmpty() && this.transfersWithoutTwoPostings == 0
					&& this.currencies.stream().allMatch(CurrencySums::balanced);
		}
	}

	/** One currency's sums over all its ledger accounts, in minor units. */
	public record CurrencySums(String currency, BigInteger debitsPosted, BigInteger creditsPosted,
			BigInteger debitsPending, BigInteger creditsPending, long accounts) {

		public boolean balanced() {
			return this.debitsPosted.equals(this.creditsPosted) && this.debitsPending.equals(this.creditsPending);
		}
	}

	/** An account whose sums differ from its transfers': each field is stored minus summed. */
	public record Drift(long accountId, String currency, String type, BigInteger debitsPosted,
			BigInteger creditsPosted, BigInteger debitsPending, BigInteger creditsPending) {
	}
}
