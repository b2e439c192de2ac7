package io.gatehouse.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit trail its owner can check (issue 20, item 10): the JSON export is the whole chain with a checkpoint
 * signed for it, {@code audit verify} finds every edit, deletion, reordering and cut and says where, the key is
 * published, and the server's scheduled verification finds a stored event changed behind the table's trigger.
 */
@IntegrationTest
class AuditChainIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	AuditChains chains;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	record Run(int code, String out) {
	}

	/** The published key, as an owner fetches it from the installation. */
	String publishedKey() {
		return new ApiClient(this.port).get("/.well-known/gatehouse-audit-key", null).json().path("publicKey").asString();
	}

	/** Runs the verifier with the published key. */
	Run verify(JsonNode export) throws Exception {
		return verify(export, "--public-key", publishedKey());
	}

	Run verify(JsonNode export, String... extra) throws Exception {
		Path file = this.dir.resolve("export-" + System.nanoTime() + ".json");
		Files.writeString(file, JSON.writeValueAsString(export));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String[] args = new String[3 + extra.length];
		args[0] = "audit";
		args[1] = "verify";
		args[2] = file.toString();
		System.arraycopy(extra, 0, args, 3, extra.length);
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		int code = AuditVerifyCommand.run(args, print, print);
		return new Run(code, out.toString(StandardCharsets.UTF_8));
	}

	/** An account with a few events: created, a failed and two good sign-ins. */
	JsonNode export() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		accounts.signInResponse(email, "wrong password entirely");
		accounts.signIn(email, TestAccounts.PASSWORD);
		String token = accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response export = api.get("/api/v1/me/events/export?format=json", token);
		assertThat(export.status()).isEqualTo(200);
		return export.json();
	}

	static JsonNode edited(JsonNode export, UnaryOperator<ArrayNode> edit) {
		ObjectNode copy = (ObjectNode) export.deepCopy();
		copy.set("events", edit.apply((ArrayNode) copy.get("events")));
		return copy;
	}

	@Test
	void exportWhenUntouchedThenTheVerifierSaysIntactAgainstThePublishedKey() throws Exception {
		JsonNode export = export();
		JsonNode published = new ApiClient(this.port).get("/.well-known/gatehouse-audit-key", null).json();

		Run run = verify(export, "--public-key", published.path("publicKey").asString());

		assertThat(export.path("events").size()).isGreaterThanOrEqualTo(4);
		assertThat(export.path("events").get(0).path("seq").asLong()).isOne();
		assertThat(export.path("checkpoint").path("seq").asLong()).isEqualTo(export.path("events").size());
		assertThat(export.path("publicKey").path("keyId").asString()).isEqualTo(published.path("keyId").asString());
		assertThat(published.path("pem").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
		assertThat(run.code()).as(run.out()).isZero();
		assertThat(run.out()).startsWith("INTACT").contains("checkpoint at seq " + export.path("events").size());
	}

	@Test
	void exportWhenEditedDeletedReorderedOrCutThenTheVerifierSaysWhere() throws Exception {
		JsonNode export = export();

		Run edited = verify(edited(export, events -> {
			((ObjectNode) events.get(1)).put("ip", "203.0.113.9");
			return events;
		}));
		Run deleted = verify(edited(export, events -> {
			events.remove(2);
			return events;
		}));
		Run reordered = verify(edited(export, events -> {
			JsonNode second = events.remove(1);
			events.insert(2, second);
			return events;
		}));
		Run cut = verify(edited(export, events -> {
			events.remove(events.size() - 1);
			return events;
		}));
		ObjectNode noCheckpoint = (ObjectNode) export.deepCopy();
		noCheckpoint.putNull("checkpoint");
		ObjectNode resigned = (ObjectNode) edited(export, events -> {
			((ObjectNode) events.get(1)).put("ip", "203.0.113.9");
			return events;
		});
		// Whoever edits an export can re-link it and re-sign it with a key of their own, and put that key in it.
		io.gatehouse.crypto.SigningKey theirs = io.gatehouse.crypto.TestKeys.signingKey(new byte[32]);
		ChainExport.Read read = ChainExport.read(relinked(resigned));
		Checkpoint c = read.checkpoint();
		Checkpoint forged = new Checkpoint(c.chainKey(), c.seq(), read.events().get((int) c.seq() - 1).hash(), c.v1Until(),
				c.signedAt(), theirs.keyId(), theirs.sign(Checkpoint.message(c.chainKey(), c.seq(),
						read.events().get((int) c.seq() - 1).hash(), c.v1Until(), c.signedAt())));
		ObjectNode forgedExport = (ObjectNode) relinked(resigned);
		ObjectNode forgedCheckpoint = (ObjectNode) forgedExport.get("checkpoint");
		forgedCheckpoint.put("hash", java.util.HexFormat.of().formatHex(forged.hash()));
		forgedCheckpoint.put("keyId", forged.keyId());
		forgedCheckpoint.put("signature", java.util.Base64.getEncoder().encodeToString(forged.signature()));
		((ObjectNode) forgedExport.get("publicKey")).put("publicKey",
				java.util.Base64.getEncoder().encodeToString(theirs.publicKey()));

		assertThat(edited.code()).isOne();
		assertThat(edited.out()).contains("BROKEN at seq 2: seq 2 was changed");
		assertThat(deleted.out()).contains("BROKEN at seq 3: seq 3 is missing");
		assertThat(reordered.out()).contains("BROKEN at seq 2");
		assertThat(cut.out()).contains("cut short");
		assertThat(verify(noCheckpoint).out()).contains("no signed checkpoint");
		assertThat(verify(forgedExport).out()).as("checked against the published key, not the export's")
			.contains("BROKEN").contains("names signing key " + theirs.keyId());
		assertThat(verify(forgedExport, "--public-key", java.util.Base64.getEncoder().encodeToString(theirs.publicKey()))
			.out()).as("the forger's own key would pass: why the key must come from the installation").startsWith("INTACT");
	}

	/** The export with every link re-computed from its content, as a forger would. */
	static JsonNode relinked(JsonNode export) {
		ObjectNode copy = (ObjectNode) export.deepCopy();
		ChainExport.Read read = ChainExport.read(copy);
		byte[] prev = EventHashes.GENESIS;
		int i = 0;
		for (SecurityEvent e : read.events()) {
			SecurityEvent linked = new SecurityEvent(0, e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(),
					e.outcome(), e.reason(), e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(),
					e.actor(), e.details(), e.hashVersion(), prev, new byte[0], new byte[0]);
			prev = EventHashes.hash(prev, linked);
			ObjectNode node = (ObjectNode) copy.get("events").get(i++);
			node.put("prevHash", java.util.HexFormat.of().formatHex(linked.prevHash()));
			node.put("hash", java.util.HexFormat.of().formatHex(prev));
		}
		return copy;
	}

	@Test
	void verifierWhenTheFileIsNotAnExportThenSaysSoWithExitCodeTwo() throws Exception {
		Path garbage = this.dir.resolve("garbage.json");
		Files.writeString(garbage, "{\"format\": \"something else\"}");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

		assertThat(AuditVerifyCommand.run(new String[] { "audit", "verify", garbage.toString(), "--public-key",
				publishedKey() }, print, print)).isEqualTo(2);
		assertThat(AuditVerifyCommand.run(new String[] { "audit", "verify", garbage.toString() }, print, print))
			.as("the key is required").isEqualTo(2);
		assertThat(AuditVerifyCommand.run(new String[] { "audit", "verify" }, print, print)).isEqualTo(2);
		assertThat(verify(edited(export(), events -> {
			((ObjectNode) events.get(0)).put("hash", "not hex");
			return events;
		})).code()).isEqualTo(2);
		assertThat(verify(edited(export(), events -> {
			((ObjectNode) events.get(0)).put("time", "+1000000000-01-01T00:00:00Z");
			return events;
		})).code()).as("a time no export writes: refused, not a stack trace").isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("not a Gatehouse audit export", "usage:");
	}

	@Test
	void storedWhenAnEventIsChangedBehindTheTriggerThenTheScheduledVerificationFindsItAndTheMetricShowsIt() {
		JsonNode export = export();
		String chain = export.path("chainKey").asString();
		assertThat(this.chains.verify(chain).intact()).isTrue();
		this.jdbc.sql("alter table security_events disable trigger security_events_no_update").update();
		try {
			this.jdbc.sql("update security_events set reason = null where chain_key = ? and seq = 2").param(chain).update();
		}
		finally {
			this.jdbc.sql("alter table security_events enable trigger security_events_no_update").update();
		}

		long broken = this.chains.verifyAll();

		assertThat(broken).isPositive();
		assertThat(this.jdbc.sql("select broken_at_seq || ': ' || problem from audit_chain_checks where chain_key = ?")
			.param(chain).query(String.class).single()).isEqualTo("2: seq 2 was changed: its content does not match its hash");
		assertThat(this.chains.states(0, 10).getFirst().brokenAtSeq()).as("broken chains first").isNotNull();
		String metrics = new ApiClient(this.managementPort).get("/actuator/prometheus", null).body();
		assertThat(metrics).containsPattern("gatehouse_audit_chains\\{state=\"broken\"\\} [1-9]");
	}

	@Test
	void storedWhenTheLastEventsAreCutWithTheHeadThenTheSignedCheckpointShowsIt() {
		String chain = export().path("chainKey").asString();
		long last = this.jdbc.sql("select last_seq from security_event_chains where chain_key = ?").param(chain)
			.query(Long.class).single();
		this.jdbc.sql("alter table security_events disable trigger security_events_no_update").update();
		try {
			this.jdbc.sql("delete from security_events where chain_key = ? and seq = ?").params(chain, last).update();
			this.jdbc.sql("update security_event_chains set last_seq = last_seq - 1 where chain_key = ?").param(chain).update();
		}
		finally {
			this.jdbc.sql("alter table security_events enable trigger security_events_no_update").update();
		}

		ChainVerifier.Verdict verdict = this.chains.verify(chain);

		assertThat(verdict.problem()).contains("cut short");
		assertThat(verdict.brokenAtSeq()).isEqualTo(last);
	}

	/** What a program's run printed, with its exit code. */
	static Run run(Path dir, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(p.waitFor(), out);
	}

	static boolean on(String... versionCommand) {
		try {
			return new ProcessBuilder(versionCommand).start().waitFor() == 0;
		}
		catch (java.io.IOException | InterruptedException ex) {
			return false;
		}
	}

	@Test
	void documentedPythonAndOpensslWhenRunOnAnExportThenTheyAgreeWithTheVerifier() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(on("python3", "--version") && on("openssl", "version"),
				"python3 and openssl check docs/audit-verify.py; neither is needed to run Gatehouse");
		JsonNode export = export();
		Path script = Path.of("docs/audit-verify.py").toAbsolutePath();
		Path file = this.dir.resolve("export.json");
		Files.writeString(file, JSON.writeValueAsString(export));
		Files.writeString(this.dir.resolve("key.pem"),
				new ApiClient(this.port).get("/.well-known/gatehouse-audit-key", null).json().path("pem").asString());

		Run links = run(this.dir, "python3", script.toString(), "export.json");
		Run signature = run(this.dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in",
				"export.json.msg", "-sigfile", "export.json.sig");
		Files.writeString(file, JSON.writeValueAsString(edited(export, events -> {
			((ObjectNode) events.get(1)).put("userAgent", "someone else");
			return events;
		})));
		Run tampered = run(this.dir, "python3", script.toString(), "export.json");

		assertThat(links.code()).as(links.out()).isZero();
		assertThat(signature.out()).contains("Signature Verified Successfully");
		assertThat(tampered.code()).isNotZero();
		assertThat(tampered.out()).contains("BROKEN at seq 2");
	}

	@Test
	void checkpointsWhenAChainMovedThenSignedOnceForItsHead() {
		String chain = export().path("chainKey").asString();
		this.chains.checkpointAll();
		this.chains.checkpointAll();

		assertThat(this.jdbc.sql("select count(*) from audit_checkpoints where chain_key = ?").param(chain)
			.query(Integer.class).single()).as("the export's, then none: the head did not move").isOne();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.as("checkpoints are append-only, like the events")
			.isThrownBy(() -> this.jdbc.sql("delete from audit_checkpoints where chain_key = ?").param(chain).update());
	}
}
