package io.gatehouse;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Build checks on production code. Time and randomness come from the injected Clock and Randomness,
 * created in one place (STYLE.md habit 1; security-tests.md CR-01), and nothing prints to the console.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.gatehouse");

	@Test
	void productionCodeWhenReadingTimeThenOnlyThroughInjectedClock() {
		ArchRule rule = noClasses().that()
			.doNotHaveFullyQualifiedName("io.gatehouse.kernel.ClockConfig")
			.should()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LocalDateTime.class, "now")
			.orShould()
			.callMethod(OffsetDateTime.class, "now")
			.orShould()
			.callMethod(ZonedDateTime.class, "now")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.because("time must come from the injected Clock so that expiry is testable by moving it");
		rule.check(MAIN);
	}

	@Test
	void productionCodeWhenNeedingRandomnessThenOnlyThroughRandomness() {
		// The exception: SigningKey's source replays the configured Ed25519 private key to the JDK's key
		// generator (which derives the public key); it draws no randomness.
		ArchRule rule = noClasses().that()
			.doNotHaveFullyQualifiedName("io.gatehouse.kernel.Randomness")
			.and()
			.doNotHaveFullyQualifiedName("io.gatehouse.crypto.SigningKey$ConfiguredSeed")
			.should()
			.callMethod(UUID.class, "randomUUID")
			.orShould()
			.callConstructor(SecureRandom.class)
			.orShould()
			.callMethod(SecureRandom.class, "getInstance", String.class)
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.util.Random")
			.because("secrets need one audited CSPRNG, injected so tests can control it");
		rule.check(MAIN);
	}

	@Test
	void transactionSynchronisationWhenUsedThenOnlyByTheAuditModule() {
		noClasses().that()
			.resideOutsideOfPackage("io.gatehouse.audit..")
			.should()
			.dependOnClassesThat()
			.haveNameMatching("org\\.springframework\\.transaction\\.support\\.TransactionSynchroni[sz]ation.*")
			.because("modules write in the caller's transaction with plain statements; only the security event log "
					+ "may ever need to act at a transaction's boundary, in one documented place")
			.check(MAIN);
	}

	@Test
	void transportPackagesWhenReadingDataThenNeverThroughJdbc() {
		noClasses().that()
			.resideInAnyPackage("..web..", "..api..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
			.because("web and api packages hold transport code only and call one service")
			.check(MAIN);
	}

	@Test
	void domainPackagesWhenRefusingThenKnowNothingOfHttp() {
		noClasses().that()
			.resideOutsideOfPackages("..web..", "..api..", "io.gatehouse.config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
			.because("a rejection carries a kind; each surface maps kinds to its own wire (STYLE.md)")
			.check(MAIN);
	}

	@Test
	void productionCodeWhenReportingThenNeverPrintsToConsole() {
		// The exceptions: the operators' commands' own terminal (the staff command prints the enrolment link it
		// was run for, the ledger command its report, the audit command its verdict on an export).
		noClasses().that()
			.doNotHaveFullyQualifiedName("io.gatehouse.staff.StaffCommandRunner$Console")
			.and()
			.doNotHaveFullyQualifiedName("io.gatehouse.ledger.LedgerCommand$Console")
			.and()
			.doNotHaveFullyQualifiedName("io.gatehouse.audit.AuditVerifyCommand$Console")
			.should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.orShould()
			.callMethod(Throwable.class, "printStackTrace")
			.because("logs go through the logger, which never receives secrets")
			.check(MAIN);
	}
}
