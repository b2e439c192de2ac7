package io.gatehouse.password;

import java.text.Normalizer;

/** Text rules shared by the policy and the hasher. */
public final class Passwords {

	public static final int MIN_LENGTH = 8;

	public static final int MAX_LENGTH = 256;

	private Passwords() {
	}

	/**
	 * NFKC normalisation before hashing (NIST SP 800-63B §5.1.1.2), so that a password typed as NFC
	 * "é" and as NFD "é" is the same password.
	 */
	public static String normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	/** Length in Unicode code points, as a person counts characters. */
	public static int length(String password) {
		return password.codePointCount(0, password.length());
	}
}
