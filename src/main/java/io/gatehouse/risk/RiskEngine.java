package io.gatehouse.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.CountryAreas;
import io.gatehouse.geo.Geo;
import io.gatehouse.geo.Location;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.IpRange;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.risk.RiskEvents.ImpossibleTravel;
import io.gatehouse.risk.RiskEvents.RiskAssessed;
import io.gatehouse.risk.SignInPlaces.Place;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assesses a sign-in once the account is known and its first proof checked, and remembers where each
 * completed sign-in came from. Signals are judged against the account's own past sign-ins in
 * PostgreSQL, so every node decides alike.
 */
@Service
public class RiskEngine {

	private final SignInPlaces places;

	private final Geo geo;

	private final CountryAreas areas;

	private final RiskProperties properties;

	private final Map<Signal, Integer> weights;

	private final List<IpRange> anonymizers;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	RiskEngine(SignInPlaces places, Geo geo, CountryAreas areas, RiskProperties properties, Clock clock,
			ApplicationEventPublisher events, MeterRegistry meters) {
		this.places = places;
		this.geo = geo;
		this.areas = areas;
		this.properties = properties;
		this.weights = properties.effectiveWeights();
		this.anonymizers = properties.anonymizerRanges().stream().map(IpRange::parse).toList();
		this.clock = clock;
		this.events = events;
		this.meters = meters;
	}

	/**
	 * Decides the extra steps for this sign-in. Writes nothing: the caller logs the decision with
	 * {@link #record} in the transaction that acts on it, so that a sign-in costs one transaction, not two.
	 *
	 * @param newDevice whether the client showed no device token this account knows
	 * @param failuresBefore consecutive wrong passwords just before this attempt
	 */
	public Assessment assess(UUID accountId, boolean newDevice, int failuresBefore, RequestContext context) {
		return assess(accountId, newDevice, failuresBefore, this.places.latestPerPlace(accountId), context);
	}

	private Assessment assess(UUID accountId, boolean newDevice, int failuresBefore, List<Place> history,
			RequestContext context) {
		Instant now = this.clock.instant();
		Location here = this.geo.locate(context.ip());
		Set<Signal> signals = EnumSet.noneOf(Signal.class);
		if (newDevice) {
			signals.add(Signal.NEW_DEVICE);
		}
		if (failuresBefore >= this.properties.recentFailures()) {
			signals.add(Signal.RECENT_FAILURES);
		}
		if (isAnonymizer(context.ip())) {
			signals.add(Signal.ANONYMIZER_NETWORK);
		}
		ImpossibleTravel travel = null;
		if (!history.isEmpty()) {
			Place last = history.getFirst();
			if (Duration.between(last.at(), now).compareTo(this.properties.inactivity()) > 0) {
				signals.add(Signal.LONG_INACTIVITY);
			}
			Instant familiarSince = now.minus(this.properties.memory());
			List<Place> recent = history.stream().filter(p -> p.at().isAfter(familiarSince)).toList();
			String country = here.country();
			if (country != null && recent.stream().anyMatch(p -> p.country() != null)
					&& recent.stream().noneMatch(p -> country.equals(p.country()))) {
				signals.add(Signal.NEW_COUNTRY);
			}
			Long asn = here.asn();
			if (asn != null && recent.stream().anyMatch(p -> p.asn() != null)
					&& recent.stream().noneMatch(p -> asn.equals(p.asn()))) {
				signals.add(Signal.NEW_ASN);
			}
			travel = impossibleTravel(accountId, last, here, now, context);
			if (travel != null) {
				signals.add(Signal.IMPOSSIBLE_TRAVEL);
			}
		}
		int score = signals.stream().mapToInt(s -> this.weights.getOrDefault(s, 0)).sum();
		RiskProperties.Policy matched = this.properties.policies().stream()
			.filter(p -> !p.asksForCaptcha())
			.filter(p -> p.matches(score, signals))
			.findFirst()
			.orElse(null);
		Assessment assessment = new Assessment(score, signals, matched == null ? null : matched.name(),
				matched == null ? Set.of() : matched.steps(), here, travel);
		this.meters.counter("gatehouse.risk.assessments", "policy", matched == null ? "none" : matched.name()).increment();
		return assessment;
	}

	/** Logs a decision (and any impossible travel it saw), in the caller's transaction: the one acting on it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID accountId, Assessment assessment, RequestContext context) {
		if (assessment.travel() != null) {
			this.events.publishEvent(assessment.travel());
		}
		this.events.publishEvent(new RiskAssessed(accountId, assessment, context));
	}

	private @Nullable ImpossibleTravel impossibleTravel(UUID accountId, Place last, Location here, Instant now,
			RequestContext context) {
		String from = last.country();
		String to = here.country();
		if (from == null || to == null || from.equals(to)) {
			return null;
		}
		OptionalDouble km = this.areas.minimumDistanceKm(from, to);
		if (km.isEmpty() || km.getAsDouble() <= 0) {
			return null;
		}
		Duration between = Duration.between(last.at(), now);
		double hours = Math.max(between.toSeconds(), 60) / 3600.0;
		if (km.getAsDouble() / hours <= this.properties.maxTravelSpeedKmh()) {
			return null;
		}
		return new ImpossibleTravel(accountId, from, to, Math.round(km.getAsDouble()), between.toMinutes(), context);
	}

	/**
	 * Whether a captcha policy asks this sign-in attempt for a CAPTCHA, decided before its password is checked and
	 * from what the request shows: whether its device token names a device of the account (an address with no account
	 * has none), whether it comes from an anonymising network, and whether a credential-stuffing wave is on.
	 */
	public boolean captchaBeforePassword(boolean knownDevice, ClientIp ip, boolean underAttack) {
		boolean anonymizer = isAnonymizer(ip);
		return this.properties.policies().stream().anyMatch(p -> p.wantsCaptcha(knownDevice, anonymizer, underAttack));
	}

	/** Whether the address is in an operator-listed anonymising range. */
	public boolean isAnonymizer(ClientIp ip) {
		for (IpRange range : this.anonymizers) {
			if (range.contains(ip.address())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Remembers where a completed sign-in came from; call in the transaction that starts the session.
	 *
	 * @return the place, for the messages that report the sign-in
	 */
	@Transactional
	public Location remember(UUID accountId, RequestContext context) {
		return remember(accountId, this.geo.locate(context.ip()), context);
	}

	/** The same, where the sign-in's assessment already located the address. */
	@Transactional
	public Location remember(UUID accountId, Location here, RequestContext context) {
		this.places.record(accountId, new Place(this.clock.instant(), context.ip().toString(), here.country(), here.asn()));
		return here;
	}

	/** Where an address is, for messages and pages. */
	public Location locate(ClientIp ip) {
		return this.geo.locate(ip);
	}

	/** Old sign-ins are forgotten, except each account's latest, which long inactivity is measured from. */
	@Scheduled(fixedDelayString = "${gatehouse.risk.cleanup-interval:PT6H}")
	void forgetOldPlaces() {
		this.places.deleteBefore(this.clock.instant().minus(Duration.ofDays(366)).minus(this.properties.memory()));
	}
}
