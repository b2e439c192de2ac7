package io.gatehouse.staff;

import java.io.PrintStream;
import java.util.Arrays;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs {@link StaffCommand} when the application was started for it (see GatehouseApplication.main). */
@Component
@ConditionalOnProperty("gatehouse.staff.command")
class StaffCommandRunner implements ApplicationRunner, ExitCodeGenerator {

	private final StaffMemberService members;

	private int exitCode;

	StaffCommandRunner(StaffMemberService members) {
		this.members = members;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = StaffCommand.parse(Arrays.asList(args.getSourceArgs()), Console.ERR)
			.map(request -> StaffCommand.run(request, this.members, Console.OUT, Console.ERR))
			.orElse(2);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** The terminal of whoever ran the command: the one place a staff command writes to. */
	static final class Console {

		static final PrintStream OUT = System.out;

		static final PrintStream ERR = System.err;

		private Console() {
		}
	}
}
