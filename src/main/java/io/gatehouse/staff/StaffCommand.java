package io.gatehouse.staff;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;

/**
 * {@code java -jar gatehouse.jar staff create --username alice --name "Alice Doe" --roles reviewer,support}:
 * creates a member against the configured database and prints the one-time passkey enrolment link to the
 * terminal of whoever ran it (the only output of this command). With the embedded database, stop the
 * server first, or use {@code gatehouse.staff.bootstrap} instead.
 */
public final class StaffCommand {

	private StaffCommand() {
	}

	/** Whether the program arguments ask for this command rather than the server. */
	public static boolean requested(String[] args) {
		return args.length > 0 && args[0].equals("staff");
	}

	/** Parses the arguments; empty (with usage printed) if they are not a valid command. */
	static Optional<Request> parse(List<String> args, PrintStream err) {
		if (args.size() < 2 || !args.get(1).equals("create")) {
			err.println(usage());
			return Optional.empty();
		}
		String username = value(args, "--username");
		String name = value(args, "--name");
		String roles = value(args, "--roles");
		Optional<Set<Actor.Staff.Role>> parsed = roles == null ? Optional.empty() : StaffMemberService.parseRoles(roles);
		if (username == null || parsed.isEmpty()) {
			err.println(usage());
			return Optional.empty();
		}
		return Optional.of(new Request(username, name == null ? username : name, parsed.get()));
	}

	/** Runs the command with the application's services; returns the process exit code. */
	static int run(Request request, StaffMemberService members, PrintStream out, PrintStream err) {
		Optional<StaffMemberService.Created> created = members.create(request.username(), request.name(), request.roles(),
				"command");
		if (created.isEmpty()) {
			err.println("Not created: the username is taken or not valid (lower case letters, digits, . _ -; 2 to 32).");
			return 1;
		}
		out.println("Staff member " + request.username() + " created with roles " + request.roles() + ".");
		out.println("Give them this one-time link to register their passkey (valid 72 hours):");
		out.println(created.get().enrolmentLink());
		return 0;
	}

	private static String usage() {
		return "usage: gatehouse staff create --username <name> --roles support,reviewer,admin [--name \"Full Name\"]";
	}

	private static @Nullable String value(List<String> args, String flag) {
		int i = args.indexOf(flag);
		return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
	}

	record Request(String username, String name, Set<Actor.Staff.Role> roles) {
	}
}
