package io.gatehouse.team;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.account.SubAccountRows.SubAccountRow;
import io.gatehouse.assets.AssetBalances;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A master account's sub-accounts: create (names as KuCoin's: 7–32 letters and digits with at least one of each,
 * unique per master in any letter case), list with every balance in one view, freeze and unfreeze. A frozen
 * sub-account moves no money but back to its master.
 */
@Service
public class SubAccounts {

	/** Sub-accounts one master may have. */
	public static final int MAX_PER_MASTER = 50;

	private static final Pattern NAME = Pattern.compile("(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9]{7,32}");

	/** A sub-account with its balances, for its master. */
	public record SubAccount(SubAccountRow row, List<AssetBalances.Asset> assets) {
	}

	public sealed interface Created {

		record Done(UUID subAccountId, String name) implements Created {
		}

		record Refused(Rejection rejection) implements Created {
		}
	}

	private final SubAccountRows rows;

	private final Accounts accounts;

	private final AssetBalances balances;

	private final ApplicationEventPublisher events;

	private final Randomness randomness;

	private final Clock clock;

	SubAccounts(SubAccountRows rows, Accounts accounts, AssetBalances balances, ApplicationEventPublisher events,
			Randomness randomness, Clock clock) {
		this.rows = rows;
		this.accounts = accounts;
		this.balances = balances;
		this.events = events;
		this.randomness = randomness;
		this.clock = clock;
	}

	@Transactional
	public Created create(UUID masterId, String rawName, RequestContext context) {
		String name = rawName.strip();
		if (!NAME.matcher(name).matches()) {
			return new Created.Refused(TeamRejection.NAME_INVALID);
		}
		// The master's row is held: a freeze waits, and two creations cannot both pass the count.
		Optional<Account.Status> status = this.accounts.lockStatus(masterId);
		if (status.isEmpty() || status.get() != Account.Status.ACTIVE || this.rows.isSubAccount(masterId)) {
			return new Created.Refused(TeamRejection.NOT_A_MASTER);
		}
		if (this.rows.count(masterId) >= MAX_PER_MASTER) {
			return new Created.Refused(TeamRejection.TOO_MANY);
		}
		UUID id = this.randomness.uuid();
		if (!this.rows.insert(id, masterId, name, this.clock.instant())) {
			return new Created.Refused(TeamRejection.NAME_TAKEN);
		}
		this.events.publishEvent(new TeamEvents.SubAccountChanged(masterId, id, name, "created", context));
		return new Created.Done(id, name);
	}

	/** Every sub-account of the master with its balances, oldest first. */
	public List<SubAccount> of(UUID masterId) {
		return this.rows.of(masterId).stream().map(row -> new SubAccount(row, this.balances.of(row.id()))).toList();
	}

	public Optional<SubAccount> find(UUID masterId, UUID subId) {
		return this.rows.find(masterId, subId).map(row -> new SubAccount(row, this.balances.of(row.id())));
	}

	/** Freezes ({@code true}) or unfreezes one of the master's sub-accounts. */
	@Transactional
	public Optional<Rejection> setFrozen(UUID masterId, UUID subId, boolean frozen, RequestContext context) {
		Optional<SubAccountRow> row = this.rows.find(masterId, subId);
		if (row.isEmpty()) {
			return Optional.of(TeamRejection.UNKNOWN);
		}
		Account.Status from = frozen ? Account.Status.ACTIVE : Account.Status.FROZEN;
		Account.Status to = frozen ? Account.Status.FROZEN : Account.Status.ACTIVE;
		if (!this.rows.changeStatus(masterId, subId, from, to)) {
			return Optional.of(TeamRejection.ALREADY);
		}
		this.events.publishEvent(new TeamEvents.SubAccountChanged(masterId, subId, row.get().name(),
				frozen ? "frozen" : "unfrozen", context));
		return Optional.empty();
	}
}
