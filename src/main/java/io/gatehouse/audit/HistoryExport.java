package io.gatehouse.audit;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.Location;
import io.gatehouse.session.DeviceNames;
import io.gatehouse.kernel.Csv;

import org.springframework.stereotype.Component;

/** A person's own security events as CSV or JSON-ready maps, for display and download. */
@Component
public class HistoryExport {

	static final int MAX_EXPORT = 10_000;

	private static final List<String> COLUMNS = List.of("time", "event", "outcome", "reason", "ip", "location",
			"factor", "device");

	/** How long before a sign-in its risk assessment may be logged: the sign-in flow's lifetime. */
	private static final Duration FLOW = Duration.ofMinutes(15);

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final SecurityEventLog log;

	private final DeviceNames devices;

	HistoryExport(SecurityEventLog log, DeviceNames devices) {
		this.log = log;
		this.devices = devices;
	}

	/**
	 * One page of the owner's events for people: each row as the export has it, plus {@code title} (the event in
	 * plain words), {@code notes} (for a sign-in, what its risk assessment noticed), {@code at} (the time to the
	 * minute, UTC), {@code place} and {@code deviceName}.
	 */
	public List<Map<String, @Nullable Object>> rows(UUID accountId, HistoryFilter filter, int page, int size) {
		List<SecurityEvent> events = this.log.page(accountId, filter, page, size);
		Map<Long, SecurityEvent> assessments = filter == HistoryFilter.ALL_EVENTS ? Map.of()
				: this.log.assessmentsBefore(accountId, events.stream()
					.filter(e -> e.type().equals("sign_in_succeeded"))
					.map(SecurityEvent::id)
					.toList());
		List<Map<String, @Nullable Object>> out = new ArrayList<>();
		for (SecurityEvent e : events) {
			Map<String, @Nullable Object> row = row(e);
			row.put("title", EventNames.of(e.type()));
			// The member a team event is about, for the team's page to name.
			row.put("member", e.details().get("member"));
			row.put("notes", notes(e, assessments.get(e.id())));
			row.put("at", UTC.format(e.occurredAt()));
			row.put("place", e.ip() == null ? "—" : Location.placeName(e.city(), e.country()));
			row.put("deviceName", e.userAgent() == null || e.userAgent().isBlank() ? "—"
					: this.devices.describe(e.userAgent()));
			out.add(row);
		}
		return out;
	}

	public List<Map<String, @Nullable Object>> all(UUID accountId) {
		List<Map<String, @Nullable Object>> out = new ArrayList<>();
		for (SecurityEvent e : this.log.page(accountId, HistoryFilter.ALL_EVENTS, 0, MAX_EXPORT)) {
			out.add(row(e));
		}
		return out;
	}

	/**
	 * What the risk assessment of a sign-in noticed, in words, when it was logged within the sign-in's flow (15
	 * minutes before it): the bookkeeping event folded into the sign-in it belongs to. Empty when nothing was
	 * unusual.
	 */
	static String notes(SecurityEvent signIn, @Nullable SecurityEvent assessment) {
		if (assessment == null || assessment.occurredAt().isBefore(signIn.occurredAt().minus(FLOW))) {
			return "";
		}
		String signals = assessment.details().getOrDefault("signals", "");
		return signals.isEmpty() ? "" : EventNames.signals(List.of(signals.split(",")));
	}

	/**
	 * A team's events (money, sub-accounts, members, keys) as CSV for its members, with who did each: {@code account}
	 * for the owner, {@code member:<id>} for a member, {@code staff:<id>} or {@code system}.
	 */
	public String teamCsv(UUID teamId) {
		List<String> columns = new ArrayList<>(COLUMNS);
		columns.add(1, "actor");
		List<Map<String, @Nullable Object>> rows = new ArrayList<>();
		for (SecurityEvent e : this.log.page(teamId, HistoryFilter.TEAM, 0, MAX_EXPORT)) {
			rows.add(row(e));
		}
		return Csv.table(columns, rows);
	}

	/** The owner's events as CSV ({@link Csv}: formula-looking cells are defused). */
	public String csv(UUID accountId) {
		return Csv.table(COLUMNS, all(accountId));
	}

	private static Map<String, @Nullable Object> row(SecurityEvent e) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("time", e.occurredAt().toString());
		out.put("event", e.type());
		out.put("outcome", e.outcome());
		out.put("reason", e.reason());
		out.put("ip", e.ip());
		out.put("country", e.country());
		out.put("city", e.city());
		out.put("location", e.ip() == null ? null : Location.placeName(e.city(), e.country()));
		out.put("factor", e.factor());
		out.put("device", e.userAgent());
		out.put("actor", e.actor());
		return out;
	}
}
