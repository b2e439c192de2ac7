package io.gatehouse.web;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders text (an otpauth URI, a deposit address) as a QR code in inline SVG: drawn by the server (ZXing), so
 * a secret never leaves the page for an image endpoint or a third party, and no script is needed to show it.
 */
public final class QrCodes {

	private static final int QUIET_ZONE = 4;

	private QrCodes() {
	}

	/** @param label what the code holds, for screen readers; plain text, escaped here */
	public static String svg(String content, String label) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
		}
		catch (WriterException ex) {
			throw new IllegalStateException("QR encoding failed", ex);
		}
		int size = matrix.getWidth() + 2 * QUIET_ZONE;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" width=\"220\" height=\"220\" role=\"img\" aria-label=\"" + HtmlUtils.htmlEscape(label) + "\""
				+ " shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path
				+ "\" fill=\"#000\"/></svg>";
	}
}
