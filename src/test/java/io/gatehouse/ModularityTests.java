package io.gatehouse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module boundaries: features talk through their top-level packages (and named interfaces) only, there
 * are no cycles, and every module declares the modules it may use, so a new dependency is a decision
 * someone writes down rather than an import that slips in.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class);

	@Test
	void modulesWhenVerifiedThenNoCyclesNoInternalAccessAndOnlyDeclaredDependencies() {
		this.modules.verify();
	}

	@Test
	void everyModuleWhenDeclaredThenNamesItsAllowedDependencies() throws Exception {
		Object anything = ApplicationModule.class.getMethod("allowedDependencies").getDefaultValue();
		this.modules.forEach(module -> {
			ApplicationModule declared = packageOf(module.getBasePackage().getName())
				.getAnnotation(ApplicationModule.class);
			assertThat(declared).as("@ApplicationModule on %s", module.getBasePackage().getName()).isNotNull();
			assertThat(declared.type()).as("%s is not open", module.getIdentifier())
				.isEqualTo(ApplicationModule.Type.CLOSED);
			assertThat(Arrays.equals(declared.allowedDependencies(), (String[]) anything))
				.as("%s declares its allowed dependencies", module.getIdentifier())
				.isFalse();
		});
	}

	@Test
	void modulesWhenDocumentedThenDiagramWritten() {
		new Documenter(this.modules).writeModulesAsPlantUml();
	}

	private static Package packageOf(String name) {
		try {
			Class.forName(name + ".package-info");
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError("no package-info in " + name, ex);
		}
		return ClassLoader.getSystemClassLoader().getDefinedPackage(name) != null
				? ClassLoader.getSystemClassLoader().getDefinedPackage(name)
				: ModularityTests.class.getClassLoader().getDefinedPackage(name);
	}
}
