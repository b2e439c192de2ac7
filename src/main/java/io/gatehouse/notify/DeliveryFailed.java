package io.gatehouse.notify;

/** A delivery attempt failed in a way worth retrying (connection refused, provider 5xx, timeout). */
final class DeliveryFailed extends Exception {

	DeliveryFailed(String message, Throwable cause) {
		super(message, cause);
	}

	DeliveryFailed(String message) {
		super(message);
	}
}
