package io.gatehouse.withdraw.chain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a withdrawal address is valid for its chain, and its canonical form (what is stored, compared
 * with the whitelist and sent to the wallet service). Checked by each chain's own checksum, so a mistyped
 * address is refused before any money is held:
 * <ul>
 * <li>{@code BTC}: Base58Check (P2PKH version 0, P2SH version 5), Bech32 for witness version 0 and Bech32m for
 * later versions (BIP-173, BIP-350); canonical: Base58 as given (it is case-sensitive), Bech32 in lower case.</li>
 * <li>{@code ERC20}, {@code KCC}: 20 bytes in hex with the EIP-55 mixed-case checksum; all lower or all upper
 * case carries no checksum and is taken; wrong mixed case is refused; canonical: EIP-55.</li>
 * <li>{@code TRC20}: Base58Check with version {@code 0x41}, 21 bytes.</li>
 * <li>{@code XRP}: Base58Check in the XRP Ledger's alphabet, version 0, 21 bytes; its memo is the destination
 * tag, a number from 0 to 4294967295.</li>
 * </ul>
 * A chain not listed here is refused: nothing is sent to an address nobody checked.
 */
public final class ChainAddresses {

	private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

	private static final Pattern DESTINATION_TAG = Pattern.compile("0|[1-9][0-9]{0,9}");

	private ChainAddresses() {
	}

	/** The canonical address, or empty when it is not a valid address on this chain. */
	public static Optional<String> canonical(String chain, String address) {
		if (address.length() > 128 || !address.equals(address.strip())) {
			return Optional.empty();
		}
		return switch (chain.toUpperCase(Locale.ROOT)) {
			case "BTC" -> bitcoin(address);
			case "ERC20", "KCC" -> ethereum(address);
			case "TRC20" -> Base58.decodeChecked(address, Base58.BITCOIN)
				.filter(p -> p.length == 21 && p[0] == 0x41)
				.map(p -> address);
			case "XRP" -> Base58.decodeChecked(address, Base58.RIPPLE)
				.filter(p -> p.length == 21 && p[0] == 0)
				.map(p -> address);
			default -> Optional.empty();
		};
	}

	/** Whether the chain knows how to check its addresses. */
	public static boolean supported(String chain) {
		return switch (chain.toUpperCase(Locale.ROOT)) {
			case "BTC", "ERC20", "KCC", "TRC20", "XRP" -> true;
			default -> false;
		};
	}

	/**
	 * The canonical memo: empty where the chain takes none (a memo given there is refused, since the wallet
	 * would drop it), the destination tag's digits on the XRP Ledger (required there).
	 */
	public static Optional<String> memo(String chain, boolean needsMemo, String memo) {
		if (!needsMemo) {
			return memo.isEmpty() ? Optional.of("") : Optional.empty();
		}
		if (chain.equalsIgnoreCase("XRP")) {
			return DESTINATION_TAG.matcher(memo).matches() && Long.parseLong(memo) <= 0xffffffffL ? Optional.of(memo)
					: Optional.empty();
		}
		return memo.matches("[A-Za-z0-9_-]{1,64}") ? Optional.of(memo) : Optional.empty();
	}

	private static Optional<String> bitcoin(String address) {
		String lower = address.toLowerCase(Locale.ROOT);
		if (lower.startsWith("bc1")) {
			return Bech32.decodeSegwit("bc", address).map(s -> lower);
		}
		return Base58.decodeChecked(address, Base58.BITCOIN)
			.filter(p -> p.length == 21 && (p[0] == 0x00 || p[0] == 0x05))
			.map(p -> address);
	}

	private static Optional<String> ethereum(String address) {
		if (!HEX_ADDRESS.matcher(address).matches()) {
			return Optional.empty();
		}
		String hex = address.substring(2);
		String checksummed = eip55(hex);
		boolean uniform = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
		return uniform || checksummed.equals(address) ? Optional.of(checksummed) : Optional.empty();
	}

	/** EIP-55: a hex letter is upper case where the matching nibble of keccak256(lower-case hex) is 8 or more. */
	static String eip55(String hex) {
		String lower = hex.toLowerCase(Locale.ROOT);
		String hash = HexFormat.of().formatHex(Keccak256.hash(lower.getBytes(StandardCharsets.US_ASCII)));
		StringBuilder out = new StringBuilder("0x");
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			out.append(Character.digit(hash.charAt(i), 16) >= 8 ? Character.toUpperCase(c) : c);
		}
		return out.toString();
	}
}
