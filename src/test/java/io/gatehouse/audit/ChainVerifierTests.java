package io.gatehouse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SigningKey;
import io.gatehouse.crypto.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain check an owner runs on an export, and the server on its tables: each way of breaking a chain, found and placed. */
class ChainVerifierTests {

	static final String CHAIN = "0b7a4c59-3f5e-4d0a-9c1e-6a2b8d9f0e11";

	final SigningKey key = TestKeys.signingKey();

	/** The server's hash key in these tests. */
	static final KeyedHash SERVER = new KeyedHash(new byte[32]);

	/** {@code n} events linked with hash version 2 and sealed by {@link #SERVER}, the first {@code v1} with version 1. */
	static List<SecurityEvent> chain(int n, int v1, @org.jspecify.annotations.Nullable KeyedHash ignored) {
		KeyedHash serverKey = SERVER;
		List<SecurityEvent> out = new ArrayList<>();
		byte[] prev = EventHashes.GENESIS;
		for (int i = 1; i <= n; i++) {
			int version = i <= v1 ? 1 : 2;
			SecurityEvent e = new SecurityEvent(0, CHAIN, i, UUID.fromString(CHAIN),
					Instant.parse("2026-12-07T10:00:00Z").plusSeconds(i), i % 2 == 0 ? "sign_in_failed" : "sign_in_succeeded",
					i % 2 == 0 ? "failure" : "success", i % 2 == 0 ? "invalid_credentials" : null, "198.51.100.7", "DE",
					"Berlin", "Firefox", null, "password", "account", Map.of("b", "2", "a", "1"), version, prev, new byte[0],
					new byte[0]);
			byte[] hash = version == 1 ? EventHashes.hashV1(serverKey, prev, e) : EventHashes.hash(prev, e);
			out.add(sealed(with(e, e.reason(), hash)));
			prev = hash;
		}
		return out;
	}

	/** The event with another reason and hash; its seal stays as it was. */
	static SecurityEvent with(SecurityEvent e, @org.jspecify.annotations.Nullable String reason, byte[] hash) {
		return version(new SecurityEvent(0, e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(),
				reason, e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(), e.actor(), e.details(),
				e.hashVersion(), e.prevHash(), hash, e.mac()), e.hashVersion());
	}

	static SecurityEvent version(SecurityEvent e, int version) {
		return new SecurityEvent(0, e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(), e.reason(),
				e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(), e.actor(), e.details(), version,
				e.prevHash(), e.hash(), e.mac());
	}

	/** Sealed as the server seals version-2 events. */
	static SecurityEvent sealed(SecurityEvent e) {
		byte[] mac = e.hashVersion() == 2 ? ChainVerifier.seal(SERVER, e.hash()) : new byte[0];
		return new SecurityEvent(0, e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(), e.reason(),
				e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(), e.actor(), e.details(),
				e.hashVersion(), e.prevHash(), e.hash(), mac);
	}

	Checkpoint checkpoint(List<SecurityEvent> events, int seq) {
		Instant at = Instant.parse("2026-12-07T11:00:00.123456Z");
		byte[] hash = events.get(seq - 1).hash();
		long v1Until = events.stream().filter(e -> e.hashVersion() == 1).mapToLong(SecurityEvent::seq).max().orElse(0);
		return new Checkpoint(CHAIN, seq, hash, v1Until, at, this.key.keyId(),
				this.key.sign(Checkpoint.message(CHAIN, seq, hash, v1Until, at)));
	}

	ChainVerifier.Verdict verify(List<SecurityEvent> events, Checkpoint checkpoint) {
		return ChainVerifier.verify(events, checkpoint, this.key.publicKey(), null);
	}

	@Test
	void intactWhenEveryLinkAndTheSignedCheckpointHold() {
		List<SecurityEvent> events = chain(6, 0, null);

		ChainVerifier.Verdict verdict = verify(events, checkpoint(events, 5));

		assertThat(verdict.intact()).isTrue();
		assertThat(verdict.events()).isEqualTo(6);
		assertThat(verdict.checkpointed()).as("events after the checkpoint are newer, not a fault").isEqualTo(5);
	}

	@Test
	void editedWhenOneFieldChangesThenThatSeqIsNamed() {
		List<SecurityEvent> events = chain(6, 0, null);
		Checkpoint checkpoint = checkpoint(events, 6);
		events.set(2, with(events.get(2), "rate_limited", events.get(2).hash()));

		ChainVerifier.Verdict verdict = verify(events, checkpoint);

		assertThat(verdict.brokenAtSeq()).isEqualTo(3);
		assertThat(verdict.problem()).contains("seq 3 was changed");
	}

	@Test
	void editedAndRehashedWhenTheLaterLinksDoNotFollowThenTheNextSeqIsNamed() {
		List<SecurityEvent> events = chain(6, 0, null);
		Checkpoint checkpoint = checkpoint(events, 6);
		SecurityEvent edited = with(events.get(2), "rate_limited", new byte[0]);
		events.set(2, with(edited, edited.reason(), EventHashes.hash(edited.prevHash(), edited)));

		assertThat(verify(events, checkpoint).problem()).isEqualTo("seq 4 does not link to the event before it");
	}

	@Test
	void deletedWhenAnEventIsMissingThenItsSeqIsNamed() {
		List<SecurityEvent> events = chain(6, 0, null);
		Checkpoint checkpoint = checkpoint(events, 6);
		events.remove(3);

		ChainVerifier.Verdict verdict = verify(events, checkpoint);

		assertThat(verdict.brokenAtSeq()).isEqualTo(4);
		assertThat(verdict.problem()).isEqualTo("seq 4 is missing: the next event found is seq 5");
	}

	@Test
	void reorderedWhenTwoEventsSwapThenTheFirstOutOfPlaceIsNamed() {
		List<SecurityEvent> events = chain(6, 0, null);
		Checkpoint checkpoint = checkpoint(events, 6);
		Collections.swap(events, 1, 2);

		assertThat(verify(events, checkpoint).brokenAtSeq()).isEqualTo(2);
	}

	@Test
	void truncatedWhenTheCheckpointVouchesForMoreThanTheChainHolds() {
		List<SecurityEvent> events = chain(6, 0, null);
		Checkpoint checkpoint = checkpoint(events, 6);

		ChainVerifier.Verdict verdict = verify(events.subList(0, 4), checkpoint);

		assertThat(verdict.brokenAtSeq()).isEqualTo(5);
		assertThat(verdict.problem()).contains("cut short", "seq 6", "ends at seq 4");
		assertThat(ChainVerifier.verify(events.subList(0, 4), null, this.key.publicKey(), null).problem())
			.as("without a checkpoint a cut at the end cannot be seen: outside the server, no checkpoint, no trust")
			.startsWith("no signed checkpoint");
	}

	@Test
	void checkpointWhenForgedOrSignedByAnotherKeyThenRefused() {
		List<SecurityEvent> events = chain(4, 0, null);
		Checkpoint real = checkpoint(events, 4);
		Checkpoint moved = new Checkpoint(CHAIN, 3, events.get(2).hash(), 0, real.signedAt(), real.keyId(),
				real.signature());
		SigningKey other = TestKeys.signingKey(new byte[32]);
		Checkpoint byOther = new Checkpoint(CHAIN, 4, real.hash(), 0, real.signedAt(), other.keyId(),
				other.sign(real.message()));

		assertThat(verify(events, moved).problem()).contains("signature");
		assertThat(ChainVerifier.verify(events, real, other.publicKey(), null).problem()).contains("names signing key");
		assertThat(verify(events, byOther).problem()).as("re-signed by whoever rewrote the export")
			.contains("names signing key " + other.keyId());
	}

	@Test
	void rewrittenWhenTheWholeChainIsRehashedThenTheCheckpointCatchesIt() {
		List<SecurityEvent> events = chain(4, 0, null);
		Checkpoint checkpoint = checkpoint(events, 4);
		// Whoever can write the table re-links every event after an edit: every link holds again.
		List<SecurityEvent> rewritten = new ArrayList<>();
		byte[] prev = EventHashes.GENESIS;
		for (SecurityEvent e : events) {
			SecurityEvent edited = new SecurityEvent(0, CHAIN, e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(),
					e.seq() == 2 ? "rate_limited" : e.reason(), e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(),
					e.actor(), e.details(), 2, prev, new byte[0], e.mac());
			prev = EventHashes.hash(prev, edited);
			rewritten.add(with(edited, edited.reason(), prev));
		}

		assertThat(verify(rewritten, checkpoint).problem()).isEqualTo("seq 4 is not the event the signed checkpoint vouches for");
		assertThat(ChainVerifier.verify(rewritten, null, this.key.publicKey(), SERVER).problem())
			.as("on the server, before any checkpoint covers it, the seals give it away")
			.isEqualTo("seq 2 was re-linked: its seal is not the server's");
	}

	@Test
	void versionOneWhenOutsideTheServerThenLinksCheckedAndContentLeftToTheServer() {
		KeyedHash serverKey = new KeyedHash(new byte[32]);
		List<SecurityEvent> events = chain(5, 2, serverKey);

		ChainVerifier.Verdict outside = verify(events, checkpoint(events, 5));
		ChainVerifier.Verdict server = ChainVerifier.verify(events, null, this.key.publicKey(), serverKey);

		assertThat(outside.intact()).isTrue();
		assertThat(outside.serverOnly()).isEqualTo(2);
		assertThat(server.intact()).isTrue();
		assertThat(server.serverOnly()).isZero();
		events.set(0, with(events.get(0), "changed", events.get(0).hash()));
		assertThat(ChainVerifier.verify(events, null, this.key.publicKey(), serverKey).brokenAtSeq()).isEqualTo(1);
	}

	@Test
	void relabelledWhenLaterEventsClaimVersionOneThenTheCheckpointSaysWhereVersionOneEnds() {
		List<SecurityEvent> events = chain(5, 2, null);
		Checkpoint checkpoint = checkpoint(events, 5);
		// Version-1 content is checked only on the server: an export's editor relabels an event to hide an edit.
		events.set(2, version(with(events.get(2), "rate_limited", events.get(2).hash()), 1));

		assertThat(verify(events, checkpoint).problem())
			.isEqualTo("seq 3 claims hash version 1, but the signed checkpoint says version 1 ends at seq 2");
		events.set(2, version(events.get(2), 7));
		assertThat(verify(events, checkpoint).problem()).contains("hash version 7");
	}

	@Test
	void canonicalFormWhenComputedByHandThenTheSameHash() throws Exception {
		SecurityEvent e = chain(1, 0, null).getFirst();
		java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
		form.writeBytes(new byte[32]);
		for (String field : List.of("gatehouse-audit-v2", CHAIN, "1", CHAIN, "2026-12-07T10:00:01.000000Z",
				"sign_in_succeeded", "success", "", "198.51.100.7", "DE", "Berlin", "Firefox", "", "password", "account", "a", "1",
				"b", "2")) {
			byte[] bytes = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			form.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
			form.writeBytes(bytes);
		}
		assertThat(e.hash()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(form.toByteArray()));
	}
}
