package io.gatehouse.withdraw.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Address checks against the specifications' own test vectors: BIP-173 and BIP-350 (Bech32, Bech32m),
 * Base58Check, EIP-55, and Keccak-256 (against Keccak's vectors, and with SHA-3's padding against the JDK).
 */
class ChainAddressesTests {

	@Test
	void keccak256MatchesKnownVectorsAndWithSha3PaddingTheJdk() throws Exception {
		assertThat(HexFormat.of().formatHex(Keccak256.hash(new byte[0])))
			.isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
		assertThat(HexFormat.of().formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
		SplittableRandom random = new SplittableRandom(22);
		MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
		for (int length : new int[] { 0, 1, 55, 135, 136, 137, 271, 272, 1000 }) {
			byte[] data = new byte[length];
			random.nextBytes(data);
			assertThat(Keccak256.digest(data, (byte) 0x06)).as("length %d", length).isEqualTo(sha3.digest(data));
		}
	}

	@Test
	void eip55VectorsAreValidAndTheirWrongCaseIsNot() {
		for (String address : new String[] { "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
				"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
				"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb" }) {
			assertThat(ChainAddresses.canonical("ERC20", address)).contains(address);
			assertThat(ChainAddresses.canonical("ERC20", address.toLowerCase())).as("no checksum: taken, canonicalised")
				.contains(address);
			String flipped = address.substring(0, 41) + (Character.isUpperCase(address.charAt(41))
					? Character.toLowerCase(address.charAt(41)) : Character.toUpperCase(address.charAt(41)));
			if (!flipped.equals(address)) {
				assertThat(ChainAddresses.canonical("ERC20", flipped)).as(flipped).isEmpty();
			}
		}
		assertThat(ChainAddresses.canonical("ERC20", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")).isEmpty();
		assertThat(ChainAddresses.canonical("ERC20", " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isEmpty();
	}

	@Test
	void bitcoinSegwitVectorsOfBip173AndBip350() {
		assertThat(ChainAddresses.canonical("BTC", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"))
			.contains("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
		assertThat(ChainAddresses.canonical("BTC",
				"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y")).isPresent();
		assertThat(ChainAddresses.canonical("BTC", "BC1SW50QGDZ25J")).isPresent();
		assertThat(ChainAddresses.canonical("BTC", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))
			.isPresent();
		assertThat(ChainAddresses.canonical("BTC", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).as("checksum")
			.isEmpty();
		assertThat(ChainAddresses.canonical("BTC", "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty")).as("prefix").isEmpty();
		assertThat(ChainAddresses.canonical("BTC", "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2")).as("version 17")
			.isEmpty();
		assertThat(ChainAddresses.canonical("BTC", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4")).as("mixed case")
			.isEmpty();
		byte[] program = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
		assertThat(Bech32.encodeSegwit("bc", 0, program)).isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
		assertThat(ChainAddresses.canonical("BTC", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd"))
			.as("BIP-350: a v1 program with a Bech32 checksum").isEmpty();
		assertThat(Bech32.decodeSegwit("bc", Bech32.encodeSegwit("bc", 1, new byte[32]))).isPresent();
	}

	@Test
	void base58CheckAddressesForBitcoinTronAndTheXrpLedger() {
		assertThat(ChainAddresses.canonical("BTC", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isPresent();
		assertThat(ChainAddresses.canonical("BTC", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).isPresent();
		assertThat(ChainAddresses.canonical("BTC", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isEmpty();
		assertThat(ChainAddresses.canonical("BTC", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a")).as("0 is not Base58")
			.isEmpty();
		assertThat(ChainAddresses.canonical("TRC20", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")).isPresent();
		assertThat(ChainAddresses.canonical("TRC20", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).as("a Bitcoin address")
			.isEmpty();
		assertThat(ChainAddresses.canonical("XRP", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh")).isPresent();
		assertThat(ChainAddresses.canonical("XRP", "rrrrrrrrrrrrrrrrrrrrrhoLvTp")).isPresent();
		assertThat(ChainAddresses.canonical("XRP", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi")).isEmpty();
		byte[] payload = new byte[21];
		payload[0] = 0x41;
		assertThat(ChainAddresses.canonical("TRC20", Base58.encodeChecked(payload, Base58.BITCOIN))).isPresent();
	}

	@Test
	void memosPerChain() {
		assertThat(ChainAddresses.memo("XRP", true, "0")).contains("0");
		assertThat(ChainAddresses.memo("XRP", true, "4294967295")).contains("4294967295");
		assertThat(ChainAddresses.memo("XRP", true, "4294967296")).isEmpty();
		assertThat(ChainAddresses.memo("XRP", true, "007")).isEmpty();
		assertThat(ChainAddresses.memo("XRP", true, "")).isEmpty();
		assertThat(ChainAddresses.memo("TRC20", false, "")).contains("");
		assertThat(ChainAddresses.memo("TRC20", false, "1")).isEmpty();
		assertThat(ChainAddresses.canonical("DOGE", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L")).as("unknown chain").isEmpty();
	}
}
