package io.gatehouse.kyc;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Why an identity photo (an ID document or a selfie, for KYC or a recovery case) was not taken. */
public enum DocumentRejection implements Rejection {

	DOCUMENT_EMPTY(Rejection.of("document_empty", Kind.INVALID, "The file is empty. Choose a photo to upload.")),
	DOCUMENT_TOO_LARGE(Rejection.of("document_too_large", Kind.TOO_LARGE,
			"The file is too large: at most 5 MB and 40 megapixels. Take the photo again at a lower resolution.")),
	DOCUMENT_TOO_SMALL(Rejection.of("document_too_small", Kind.INVALID,
			"The photo is too small to read: at least 240 pixels on its shorter side.")),
	DOCUMENT_TYPE(Rejection.of("document_type", Kind.UNSUPPORTED_TYPE,
			"Upload a JPEG or PNG photo. Other file types (PDF, HEIC, documents) are not accepted.")),
	DOCUMENT_POLYGLOT(Rejection.of("document_polyglot", Kind.UNPROCESSABLE,
			"This file contains more than a photo (for example a script or another file format). Upload a plain "
					+ "photo straight from your camera.")),
	DOCUMENT_UNREADABLE(Rejection.of("document_unreadable", Kind.UNPROCESSABLE,
			"This photo could not be read: it may be damaged or in an unusual format. Take it again."));

	private final Definition definition;

	DocumentRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
