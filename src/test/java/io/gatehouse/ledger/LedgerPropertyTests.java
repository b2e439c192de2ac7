package io.gatehouse.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of deposits, transfers, holds, posts, voids and retries across several owners and two
 * currencies, checked after every step against a model: conservation per currency, no customer balance
 * below zero, every balance equal to the sum of the account's transfers (the {@link LedgerCheck}) and to
 * the model's. Each run's seed is in the failure message; {@code -Dledger.seed=N} replays it.
 */
@IntegrationTest
class LedgerPropertyTests extends ApiTest {

	private static final int STEPS = 150;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	LedgerCheck check;

	@Test
	void randomSequencesConserveAndNeverGoNegative() {
		List<UUID> owners = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
			owners.add(UUID.fromString(this.api.get("/api/v1/me", token).text("id")));
		}
		String fixed = System.getProperty("ledger.seed");
		List<Long> seeds = fixed != null ? List.of(Long.parseLong(fixed)) : List.of(1L, 2L, new Random().nextLong());
		for (long seed : seeds) {
			new Run(seed, owners).go();
		}
	}

	/** One sequence and its model: each customer ledger account's total and held, in minor units. */
	private final class Run {

		private final long seed;

		private final SplittableRandom random;

		private final List<Long> customer = new ArrayList<>();

		private final Map<Long, String> currencyOf = new HashMap<>();

		private final Map<Long, long[]> model = new HashMap<>();

		private final List<Transfer> done = new ArrayList<>();

		private final List<Transfer> holds = new ArrayList<>();

		Run(long seed, List<UUID> owners) {
			this.seed = seed;
			this.random = new SplittableRandom(seed);
			for (UUID owner : owners) {
				for (String currency : List.of("USDT", "BTC")) {
					var ids = LedgerPropertyTests.this.ledgerAccounts.open(owner, currency, LedgerAccountType.MAIN,
							LedgerAccountType.TRADE, LedgerAccountType.CONTRACT);
					for (long id : ids.values()) {
						Balance now = LedgerPropertyTests.this.ledgerAccounts.balance(id).orElseThrow();
						this.customer.add(id);
						this.currencyOf.put(id, currency);
						this.model.put(id, new long[] { now.total().longValueExact(), now.held().longValueExact() });
					}
				}
			}
		}

		void go() {
			for (int step = 0; step < STEPS; step++) {
				String what = step();
				LedgerCheck.Report report = LedgerPropertyTests.this.check.run();
				assertThat(report.conserved()).as("seed %d step %d (%s): %s", this.seed, step, what, report).isTrue();
				for (long id : this.customer) {
					long[] expected = this.model.get(id);
					Balance actual = balanceOf(id);
					assertThat(actual.available().signum()).as("seed %d step %d: available of %d", this.seed, step, id)
						.isGreaterThanOrEqualTo(0);
					assertThat(new long[] { actual.total().longValueExact(), actual.held().longValueExact() })
						.as("seed %d step %d (%s): account %d", this.seed, step, what, id)
						.containsExactly(expected);
				}
			}
		}

		private String step() {
			int choice = this.random.nextInt(100);
			long account = pick();
			String currency = this.currencyOf.get(account);
			if (choice < 20) {
				long amount = 1 + this.random.nextLong(1_000_000);
				Transfer t = new Transfer(UUID.randomUUID(),
						LedgerPropertyTests.this.ledgerAccounts.system(currency, LedgerAccountType.DEPOSITS), account,
						currency, amount, "deposit", null);
				expect(LedgerPropertyTests.this.ledger.transfer(t), TransferResult.OK);
				this.model.get(account)[0] += amount;
				this.done.add(t);
				return "deposit";
			}
			if (choice < 75) {
				long to = pickOther(account, currency);
				long amount = 1 + this.random.nextLong(Math.max(1, available(account) * 5 / 4 + 1));
				Transfer t = new Transfer(UUID.randomUUID(), account, to, currency, amount, "test", null);
				boolean pending = choice >= 60;
				TransferResult result = pending ? LedgerPropertyTests.this.ledger.hold(t)
						: LedgerPropertyTests.this.ledger.transfer(t);
				if (amount > available(account)) {
					expect(result, TransferResult.EXCEEDS_CREDITS);
					return "refused " + (pending ? "hold" : "transfer");
				}
				expect(result, TransferResult.OK);
				if (pending) {
					this.model.get(account)[1] += amount;
					this.holds.add(t);
				}
				else {
					this.model.get(account)[0] -= amount;
					this.model.get(to)[0] += amount;
					this.done.add(t);
				}
				return pending ? "hold" : "transfer";
			}
			if (choice < 90 && !this.holds.isEmpty()) {
				Transfer hold = this.holds.remove(this.random.nextInt(this.holds.size()));
				boolean post = this.random.nextBoolean();
				UUID id = UUID.randomUUID();
				expect(post ? LedgerPropertyTests.this.ledger.post(id, hold.id())
						: LedgerPropertyTests.this.ledger.voidHold(id, hold.id()), TransferResult.OK);
				expect(LedgerPropertyTests.this.ledger.post(UUID.randomUUID(), hold.id()),
						post ? TransferResult.PENDING_TRANSFER_ALREADY_POSTED : TransferResult.PENDING_TRANSFER_ALREADY_VOIDED);
				this.model.get(hold.debitAccountId())[1] -= hold.amount();
				if (post) {
					this.model.get(hold.debitAccountId())[0] -= hold.amount();
					this.model.get(hold.creditAccountId())[0] += hold.amount();
				}
				return post ? "post" : "void";
			}
			if (!this.done.isEmpty()) {
				Transfer again = this.done.get(this.random.nextInt(this.done.size()));
				expect(LedgerPropertyTests.this.ledger.transfer(again), TransferResult.EXISTS);
				expect(LedgerPropertyTests.this.ledger.transfer(new Transfer(again.id(), again.debitAccountId(),
						again.creditAccountId(), again.currency(), again.amount() + 1, again.kind(), again.reference())),
						TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT);
				return "retry";
			}
			return "nothing";
		}

		private void expect(TransferResult actual, TransferResult expected) {
			assertThat(actual).as("seed %d", this.seed).isEqualTo(expected);
		}

		private long available(long account) {
			long[] m = this.model.get(account);
			return m[0] - m[1];
		}

		private long pick() {
			return this.customer.get(this.random.nextInt(this.customer.size()));
		}

		private long pickOther(long account, String currency) {
			while (true) {
				long other = pick();
				if (other != account && this.currencyOf.get(other).equals(currency)) {
					return other;
				}
			}
		}

		private Balance balanceOf(long id) {
			return LedgerPropertyTests.this.ledgerAccounts.balance(id).orElseThrow();
		}
	}
}
