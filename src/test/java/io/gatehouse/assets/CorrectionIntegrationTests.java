package io.gatehouse.assets;

import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A correction is single-use: of twenty admins approving it at once, one applies it, once. */
@IntegrationTest
class CorrectionIntegrationTests extends ApiTest {

	@Autowired
	Corrections corrections;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	LedgerCheck check;

	@Test
	void approveWhenTwentyAdminsApproveAtOnceThenAppliedExactlyOnce() throws Exception {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		UUID owner = UUID.fromString(this.api.get("/api/v1/me", token).text("id"));
		Actor.Staff support = staff(Actor.Staff.Role.SUPPORT);
		Corrections.Result proposed = this.corrections.propose(support, owner, "BTC", "main", "credit", "0.25",
				"Deposit credited short, ticket 9001");
		UUID id = ((Corrections.Result.Done) proposed).correction().id();

		int applied = Race.successes(20, () -> this.corrections.approve(staff(Actor.Staff.Role.ADMIN),
				id) instanceof Corrections.Result.Done done && "APPLIED".equals(done.correction().status()));

		assertThat(applied).isEqualTo(1);
		assertThat(this.ledgerAccounts.balance(owner, "BTC", LedgerAccountType.MAIN).total())
			.isEqualTo(BigInteger.valueOf(25_000_000));
		assertThat(this.corrections.find(id).orElseThrow().status()).isEqualTo("APPLIED");
		assertThat(this.check.run().conserved()).isTrue();
	}

	private static Actor.Staff staff(Actor.Staff.Role role) {
		return new Actor.Staff(UUID.randomUUID(), "staff", Set.of(role), UUID.randomUUID());
	}
}
