package io.gatehouse.kyc.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kyc.Kyc;

import org.springframework.web.multipart.MultipartFile;

/** An uploaded photo as {@link Kyc} takes it; a missing or empty part is no photo. */
public final class KycPhotos {

	private KycPhotos() {
	}

	public static Kyc.@Nullable Photo of(@Nullable MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			return null;
		}
		return new Kyc.Photo(file.getBytes(), file.getContentType());
	}
}
