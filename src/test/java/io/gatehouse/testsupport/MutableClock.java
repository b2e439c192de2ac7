package io.gatehouse.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand: expiry is tested by advancing it, never by sleeping. */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS));
	}

	/** Starts at the real current time, so rows written by a test look ordinary. */
	public static MutableClock startingNow() {
		return new MutableClock(Clock.systemUTC().instant());
	}

	public void advance(Duration duration) {
		this.now.updateAndGet(t -> t.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}
}
