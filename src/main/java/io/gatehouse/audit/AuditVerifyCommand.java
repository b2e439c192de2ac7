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
 * {@code java -jar gatehouse.jar audit verify export.json --public-key BASE64}: checks an exported chain
 * offline, with no database and no server key, and says where it breaks. The key is the one the installation
 * publishes at {@code /.well-known/gatehouse-audit-key}: never the export's own, which whoever edited the
 * export could have replaced along with the checkpoint. Exit code 0 when intact, 1 when not, 2 for a wrong
 * command or a file that is not a readable export.
 */
public final class AuditVerifyCommand {

	private static final String USAGE = "usage: java -jar gatehouse.jar audit verify export.json --public-key BASE64\n"
			+ "  (the publicKey of the installation's /.well-known/gatehouse-audit-key)";

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
		if (args.length != 5 || !args[1].equals("verify") || !args[3].equals("--public-key")) {
			err.println(USAGE);
			return 2;
		}
		byte[] publicKey;
		try {
			publicKey = Base64.getDecoder().decode(args[4]);
		}
		catch (IllegalArgumentException ex) {
			publicKey = new byte[0];
		}
		if (publicKey.length != 32) {
			err.println("--public-key is not a base64 Ed25519 public key (32 bytes)\n" + USAGE);
			return 2;
		}
		ChainExport.Read export;
		ChainVerifier.Verdict verdict;
		try {
			export = ChainExport.read(JsonMapper.builder().build().readTree(Files.readString(Path.of(args[2]))));
			verdict = ChainVerifier.verify(export.events(), export.checkpoint(), publicKey, null);
		}
		catch (IOException | JacksonException ex) {
			err.println("cannot read " + args[2] + ": " + ex.getMessage());
			return 2;
		}
		catch (RuntimeException ex) {
			err.println("not a readable Gatehouse audit export: " + ex.getMessage());
			return 2;
		}
		if (!verdict.intact()) {
			out.println("BROKEN at seq " + verdict.brokenAtSeq() + ": " + verdict.problem());
			return 1;
		}
		out.println("INTACT: chain " + export.chainKey() + ", " + verdict.events() + " events"
				+ (verdict.checkpointed() > 0 ? ", checkpoint at seq " + verdict.checkpointed() + " signed by key "
						+ SigningKey.keyId(publicKey) : "")
				+ (verdict.serverOnly() > 0 ? "; the first " + verdict.serverOnly()
						+ " predate hash version 2 and were checked for order and links only" : ""));
		return 0;
	}
}
