package io.gatehouse.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous (a message delivered by the outbox worker) with a bounded poll.
 * Never used for expiry: expiry is tested by moving the {@link MutableClock}.
 */
public final class Await {

	private Await() {
	}

	public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<T> value = probe.get();
			if (value.isPresent()) {
				return value.get();
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
	}
}
