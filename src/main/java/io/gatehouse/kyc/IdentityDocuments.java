package io.gatehouse.kyc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jspecify.annotations.Nullable;

/**
 * Checks an uploaded identity document or selfie and rebuilds it. Only JPEG and PNG are taken, recognised
 * by their bytes (the declared type must agree); nothing larger than the limit; nothing that also reads
 * as another format (HTML, SVG, script, PDF, ZIP, PHP hidden in a comment or appended after the image's
 * end); no decompression bombs (dimensions are read before any pixel). What passes is decoded and encoded
 * again, so what is stored is pixels only: no metadata, no trailing bytes, no comments.
 */
public final class IdentityDocuments {

	static final int MIN_SIDE = 240;

	static final long MAX_PIXELS = 40_000_000L;

	/**
	 * Markers of text formats that must not hide inside an image, searched case-insensitively in the raw
	 * bytes. Each is at least five characters: compressed image data is close to random, and a shorter marker
	 * (say {@code <%}) turns up by chance in most photos of a few megabytes.
	 */
	private static final String[] TEXT_MARKERS = { "<script", "<html", "<svg ", "<svg>", "<svg\n", "<?php", "<?xml",
			"<!doctype", "<iframe", "<body", "javascript:", "%pdf-" };

	/** Binary signatures, matched exactly: a ZIP local file header (ZIP, JAR, DOCX, APK) with its version bytes. */
	private static final byte[][] BINARY_MARKERS = { { 'P', 'K', 3, 4, 0x0a, 0 }, { 'P', 'K', 3, 4, 0x14, 0 },
			{ 'P', 'K', 3, 4, 0x2d, 0 } };

	private IdentityDocuments() {
	}

	public enum Type {
		JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

		public final String mediaType;

		final String imageIoName;

		Type(String mediaType, String imageIoName) {
			this.mediaType = mediaType;
			this.imageIoName = imageIoName;
		}
	}

	public record Checked(Type type, byte[] bytes, int width, int height) {

		@Override
		public String toString() {
			return "Checked[" + this.type + ", " + this.bytes.length + " bytes, " + this.width + "x" + this.height + "]";
		}
	}

	/** The document, rebuilt; or the reason it is refused. */
	public static Result check(byte[] upload, @Nullable String declaredType, long maxBytes) {
		if (upload.length == 0) {
			return new Result.Refused(DocumentRejection.DOCUMENT_EMPTY);
		}
		if (upload.length > maxBytes) {
			return new Result.Refused(DocumentRejection.DOCUMENT_TOO_LARGE);
		}
		Optional<Type> sniffed = sniff(upload);
		if (sniffed.isEmpty()) {
			return new Result.Refused(DocumentRejection.DOCUMENT_TYPE);
		}
		Type type = sniffed.get();
		if (declaredType != null && !declaredType.isBlank()
				&& !type.mediaType.equals(declaredType.toLowerCase(Locale.ROOT).split(";")[0].strip())) {
			return new Result.Refused(DocumentRejection.DOCUMENT_TYPE);
		}
		if (containsForeignFormat(upload) || hasTrailingData(upload, type)) {
			return new Result.Refused(DocumentRejection.DOCUMENT_POLYGLOT);
		}
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageIoName);
			if (in == null || !readers.hasNext()) {
				return new Result.Refused(DocumentRejection.DOCUMENT_UNREADABLE);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if ((long) width * height > MAX_PIXELS) {
					return new Result.Refused(DocumentRejection.DOCUMENT_TOO_LARGE);
				}
				if (Math.min(width, height) < MIN_SIDE) {
					return new Result.Refused(DocumentRejection.DOCUMENT_TOO_SMALL);
				}
				BufferedImage image = reader.read(0);
				return new Result.Accepted(new Checked(type, encode(image, type), width, height));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			// Truncated, corrupt, or a format variant the decoder cannot read: not an image we can review.
			return new Result.Refused(DocumentRejection.DOCUMENT_UNREADABLE);
		}
	}

	static Optional<Type> sniff(byte[] b) {
		if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
			return Optional.of(Type.JPEG);
		}
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		if (b.length > png.length) {
			for (int i = 0; i < png.length; i++) {
				if (b[i] != png[i]) {
					return Optional.empty();
				}
			}
			return Optional.of(Type.PNG);
		}
		return Optional.empty();
	}

	private static boolean containsForeignFormat(byte[] upload) {
		String latin1 = new String(upload, StandardCharsets.ISO_8859_1);
		String lower = latin1.toLowerCase(Locale.ROOT);
		for (String marker : TEXT_MARKERS) {
			if (lower.contains(marker)) {
				return true;
			}
		}
		for (byte[] marker : BINARY_MARKERS) {
			if (latin1.contains(new String(marker, StandardCharsets.ISO_8859_1))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Bytes after a PNG's IEND chunk: where appended formats hide. (JPEG is not held to this: phone cameras
	 * append their own trailers after EOI; the marker scan covers what matters, and re-encoding drops it.)
	 */
	private static boolean hasTrailingData(byte[] b, Type type) {
		if (type == Type.JPEG) {
			return false;
		}
		// PNG: the last chunk is IEND: length 0, "IEND", CRC AE 42 60 82.
		byte[] iend = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82 };
		if (b.length < iend.length) {
			return true;
		}
		for (int i = 0; i < iend.length; i++) {
			if (b[b.length - iend.length + i] != iend[i]) {
				return true;
			}
		}
		return false;
	}

	private static byte[] encode(BufferedImage image, Type type) throws IOException {
		BufferedImage out = image;
		if (type == Type.JPEG && image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_CUSTOM) {
			out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			out.createGraphics().drawImage(image, 0, 0, null);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		if (!ImageIO.write(out, type.imageIoName, bytes)) {
			throw new IOException("no writer for " + type);
		}
		return bytes.toByteArray();
	}

	public sealed interface Result {

		record Accepted(Checked document) implements Result {
		}

		record Refused(DocumentRejection rejection) implements Result {
		}
	}
}
