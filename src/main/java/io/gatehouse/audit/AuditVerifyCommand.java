package io.gatehouse.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.crypto.SigningKey;

/**
 * {@code java -jar gatehouse.jar audit verify export.json [--public-key BASE64]}: checks an exported chain
 * offline, with no database and no server key, and says where it breaks. Without {@code --public-key} the
 * export's own key is used and its id printed, to compare with the one the installation publishes at
 * {@code /.well-known/gatehouse-audit-key}. Exit code 0 when intact, 1 when not, 2 for a wrong command or an
 * unreadable file.
 */
public final class AuditVerifyCommand {

	private AuditVerifyCommand() {
	}

	/** The terminal of whoever ran the command: the one place it writes to. */
	static final class Console {

		static final PrintStream OUT = System.out;

		static final PrintStream ERR = System.err;

		private Console() {
		}
	}

	/** Runs the command on the terminal; the process's exit code. */
	public static int run(String[] args) {
		return run(args, Console.OUT, Console.ERR);
	}

	public static boolean requested(String[] args) {
		return args.length > 0 && args[0].equals("audit");
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		if (!(args.length == 3 || args.length == 5) || !args[1].equals("verify")
				|| (args.length == 5 && !args[3].equals("--public-key"))) {
			err.println("usage: java -jar gatehouse.jar audit verify export.json [--public-key BASE64]");
			return 2;
		}
		ChainExport.Read export;
		try {
			export = ChainExport.read(JsonMapper.builder().build().readTree(Files.readString(Path.of(args[2]))));
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			err.println("cannot read " + args[2] + ": " + ex.getMessage());
			return 2;
		}
		byte[] publicKey = export.publicKey();
		if (args.length == 5) {
			try {
				publicKey = Base64.getDecoder().decode(args[4]);
			}
			catch (IllegalArgumentException ex) {
				err.println("--public-key is not base64");
				return 2;
			}
		}
		else {
			out.println("checking against the export's own public key " + SigningKey.keyId(publicKey)
					+ ": compare it with the installation's /.well-known/gatehouse-audit-key");
		}
		ChainVerifier.Verdict verdict = ChainVerifier.verify(export.events(), export.checkpoint(), publicKey, null);
		if (!verdict.intact()) {
			out.println("BROKEN at seq " + verdict.brokenAtSeq() + ": " + verdict.problem());
			return 1;
		}
		out.println("INTACT: chain " + export.chainKey() + ", " + verdict.events() + " events"
				+ (verdict.checkpointed() > 0 ? ", signed checkpoint at seq " + verdict.checkpointed()
						: ", no signed checkpoint")
				+ (verdict.serverOnly() > 0 ? "; the first " + verdict.serverOnly()
						+ " predate hash version 2 and were checked for order and links only" : ""));
		return 0;
	}
}
