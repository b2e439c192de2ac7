package io.gatehouse.ledger;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar gatehouse.jar ledger verify}: runs the {@link LedgerCheck} against the configured database
 * and prints the sums per currency and any drifting account. Exit code 0 when the ledger is conserved, 1 when
 * it is not, 2 for a wrong command. Reads only, so it is safe beside running nodes.
 */
@Component
@ConditionalOnProperty("gatehouse.ledger.command")
public class LedgerCommand implements ApplicationRunner, ExitCodeGenerator {

	private final LedgerCheck check;

	private final Currencies currencies;

	private int exitCode;

	LedgerCommand(LedgerCheck check, Currencies currencies) {
		this.check = check;
		this.currencies = currencies;
	}

	public static boolean requested(String[] args) {
		return args.length > 0 && args[0].equals("ledger");
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> words = args.getNonOptionArgs();
		if (words.size() != 2 || !words.get(1).equals("verify")) {
			Console.ERR.println("usage: java -jar gatehouse.jar ledger verify");
			this.exitCode = 2;
			return;
		}
		LedgerCheck.Report report = this.check.run();
		print(report, Console.OUT);
		this.exitCode = report.conserved() ? 0 : 1;
	}

	void print(LedgerCheck.Report report, PrintStream out) {
		out.println("ledger " + (report.conserved() ? "CONSERVED" : "NOT CONSERVED") + ": " + report.transfers()
				+ " transfers, " + report.transfersWithoutTwoPostings() + " without their two postings, "
				+ report.drifts().size() + " drifting accounts");
		out.println(String.format(Locale.ROOT, "%-8s %9s %26s %26s %26s %26s %s", "currency", "accounts",
				"debits posted", "credits posted", "debits pending", "credits pending", "balanced"));
		for (LedgerCheck.CurrencySums s : report.currencies()) {
			int scale = this.currencies.find(s.currency()).map(Currency::scale).orElse(0);
			out.println(String.format(Locale.ROOT, "%-8s %9d %26s %26s %26s %26s %s", s.currency(), s.accounts(),
					Amounts.format(s.debitsPosted(), scale), Amounts.format(s.creditsPosted(), scale),
					Amounts.format(s.debitsPending(), scale), Amounts.format(s.creditsPending(), scale),
					s.balanced() ? "yes" : "NO"));
		}
		for (LedgerCheck.Drift d : report.drifts()) {
			out.println("drift: ledger account " + d.accountId() + " (" + d.currency() + " " + d.type()
					+ "), stored minus its transfers in minor units: debits posted " + d.debitsPosted()
					+ ", credits posted " + d.creditsPosted() + ", debits pending " + d.debitsPending()
					+ ", credits pending " + d.creditsPending());
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** The terminal of whoever ran the command: the one place it writes to. */
	static final class Console {

		static final PrintStream OUT = System.out;

		static final PrintStream ERR = System.err;

		private Console() {
		}
	}
}
