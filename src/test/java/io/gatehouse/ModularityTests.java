package io.gatehouse;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries: features talk through their top-level packages only, and there are no cycles. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class);

	@Test
	void modulesWhenVerifiedThenNoCyclesAndNoInternalAccess() {
		this.modules.verify();
	}

	@Test
	void modulesWhenDocumentedThenDiagramWritten() {
		new Documenter(this.modules).writeModulesAsPlantUml();
	}
}
