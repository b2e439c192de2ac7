package io.gatehouse;

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
		String command = StaffCommand.requested(args) ? "gatehouse.staff.command=true"
				: LedgerCommand.requested(args) ? "gatehouse.ledger.command=true" : null;
		if (command != null) {
			// An administrative command, not the server: no web port, and the process ends with the command.
			var context = new SpringApplicationBuilder(GatehouseApplication.class).web(WebApplicationType.NONE)
				.properties(command)
				.run(args);
			System.exit(SpringApplication.exit(context));
		}
		SpringApplication.run(GatehouseApplication.class, args);
	}
}
