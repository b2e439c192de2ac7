package io.gatehouse.kyc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The photo checks alone: real camera-like photos pass; other formats hidden inside do not. */
class IdentityDocumentsTests {

	private static final long LIMIT = 5 * 1024 * 1024;

	/** A noisy photo compresses to near-random bytes, as a real one does: the marker scan must not trip on it. */
	static byte[] noisyJpeg(long seed) throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		BufferedImage image = new BufferedImage(1400, 1000, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	@Test
	void checkWhenLargeNoisyPhotosThenAcceptedAndRebuilt() throws IOException {
		for (long seed = 1; seed <= 3; seed++) {
			byte[] photo = noisyJpeg(seed);
			assertThat(photo.length).isGreaterThan(500_000);
			assertThat(IdentityDocuments.check(photo, "image/jpeg", LIMIT))
				.as("seed " + seed)
				.isInstanceOfSatisfying(IdentityDocuments.Result.Accepted.class,
						a -> assertThat(a.document().width()).isEqualTo(1400));
		}
	}

	@Test
	void checkWhenAnotherFormatHidesInsideThenRefusedAsPolyglot() throws IOException {
		byte[] photo = noisyJpeg(7);
		for (String hidden : new String[] { "<SCRIPT src=x>", "<svg onload=x>", "%PDF-1.7", "<?php echo 1;",
				"PK\u0003\u0004\u0014\u0000zipped" }) {
			byte[] polyglot = new byte[photo.length + 40];
			System.arraycopy(photo, 0, polyglot, 0, 1000);
			byte[] marker = hidden.getBytes(StandardCharsets.ISO_8859_1);
			System.arraycopy(marker, 0, polyglot, 1000, marker.length);
			System.arraycopy(photo, 1000, polyglot, 1000 + marker.length, photo.length - 1000);
			assertThat(IdentityDocuments.check(polyglot, "image/jpeg", LIMIT)).as(hidden)
				.isInstanceOfSatisfying(IdentityDocuments.Result.Refused.class,
						r -> assertThat(r.rejection()).isEqualTo(DocumentRejection.DOCUMENT_POLYGLOT));
		}
	}
}
