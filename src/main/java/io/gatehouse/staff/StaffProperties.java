package io.gatehouse.staff;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff settings.
 *
 * @param bootstrap members created at start-up when missing (first installs): each gets a one-time
 *     enrolment link written to {@code <data-dir>/staff-enrolment-<username>.txt}, readable by the owner
 *     only; the link is never logged
 */
@ConfigurationProperties("gatehouse.staff")
record StaffProperties(@DefaultValue List<Bootstrap> bootstrap) {

	/** @param roles comma-separated: support, reviewer, admin */
	public record Bootstrap(String username, String name, String roles) {
	}
}
