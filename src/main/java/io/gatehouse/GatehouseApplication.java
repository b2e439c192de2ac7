package io.gatehouse;

import java.util.ArrayList;
import java.util.List;

import io.gatehouse.audit.AuditVerifyCommand;
import io.gatehouse.ledger.LedgerCommand;
import io.gatehouse.staff.StaffCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Gatehouse: account access and account security for a digital-asset exchange. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatehouseApplication {

	public static void main(String[] args) {
		if (AuditVerifyCommand.requested(args)) {
			// Offline: reads a file and needs neither the database nor the application.
			System.exit(AuditVerifyCommand.run(args));
		}
		String command = StaffCommand.requested(args) ? "gatehouse.staff.command=true"
				: LedgerCommand.requested(args) ? "gatehouse.ledger.command=true" : null;
		if (command != null) {
			System.exit(SpringApplication.exit(command(command).run(commandArgs(args))));
		}
		SpringApplication.run(GatehouseApplication.class, args);
	}

	/**
	 * An administrative command, not the server: the same application (its security chains need a web
	 * context) with no port open, public, management or internal; the process ends with the command.
	 */
	static SpringApplicationBuilder command(String property) {
		return new SpringApplicationBuilder(GatehouseApplication.class).web(WebApplicationType.SERVLET)
			.properties(property);
	}

	/** The command's own words, and the settings that keep every port shut (above application.yml's). */
	static String[] commandArgs(String[] args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--server.port=-1", "--management.server.port=-1", "--gatehouse.internal.port=0",
				"--gatehouse.kucoin.spot-port=0", "--gatehouse.kucoin.futures-port=0"));
		return all.toArray(String[]::new);
	}
}
