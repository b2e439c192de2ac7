package io.gatehouse.staff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured bootstrap staff members that do not exist yet, the way first-run secrets are
 * usually handed over: the enrolment link goes to a file only the service's user can read, and the log
 * says where, never what.
 */
@Component
class StaffBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);

	private final StaffMemberService members;

	private final StaffProperties properties;

	private final GatehouseProperties gatehouse;

	StaffBootstrap(StaffMemberService members, StaffProperties properties, GatehouseProperties gatehouse) {
		this.members = members;
		this.properties = properties;
		this.gatehouse = gatehouse;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		for (StaffProperties.Bootstrap b : this.properties.bootstrap()) {
			if (this.members.findByUsername(b.username()).isPresent()) {
				continue;
			}
			var roles = StaffMemberService.parseRoles(b.roles())
				.orElseThrow(() -> new IllegalArgumentException("gatehouse.staff.bootstrap: unknown roles for "
						+ b.username() + "; use support, reviewer, admin"));
			StaffMemberService.Created created = this.members.create(b.username(), b.name(), roles, "bootstrap")
				.orElseThrow(() -> new IllegalArgumentException("gatehouse.staff.bootstrap: invalid username "
						+ b.username() + " (lower case letters, digits, . _ -; 2 to 32 characters)"));
			Path file = this.gatehouse.dataDir().resolve("staff-enrolment-" + b.username() + ".txt").toAbsolutePath();
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, created.enrolmentLink() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
			log.info("Staff member {} created; the one-time passkey enrolment link (valid 72 h) is in {}", b.username(),
					file);
		}
	}
}
