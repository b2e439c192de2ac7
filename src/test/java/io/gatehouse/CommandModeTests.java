package io.gatehouse;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.TestContextInitializer;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' commands ({@code java -jar gatehouse.jar ledger verify}, {@code staff create …}) start the
 * same application without opening a port, and end with the command's exit code.
 */
class CommandModeTests {

	@Test
	void ledgerVerifyWhenRunAsACommandThenTheApplicationStartsWithoutAPortAndSaysConserved() {
		try (ConfigurableApplicationContext context = GatehouseApplication.command("gatehouse.ledger.command=true")
			.initializers(new TestContextInitializer())
			.run(GatehouseApplication.commandArgs(new String[] { "ledger", "verify" }))) {
			assertThat(context.getBeansOfType(ExitCodeGenerator.class).values())
				.as("the command ran, and found the ledger conserved")
				.anySatisfy(command -> assertThat(command.getExitCode()).isZero());
		}
	}
}
