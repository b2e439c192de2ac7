package io.gatehouse;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path: the migrations run on an external PostgreSQL (Debian's PostgreSQL 15 in CI,
 * started by .ci/run). Set GATEHOUSE_EXTERNAL_PG_URL (and _USER, _PASSWORD) to run it locally.
 */
class ExternalPostgresMigrationTests {

	@Test
	void migrateWhenExternalPostgresThenAllMigrationsApplyAndValidate() {
		String url = System.getenv("GATEHOUSE_EXTERNAL_PG_URL");
		if (url == null || url.isBlank()) {
			if ("1".equals(System.getenv("GATEHOUSE_REQUIRE_EXTERNAL_PG"))) {
				throw new AssertionError("GATEHOUSE_REQUIRE_EXTERNAL_PG=1 but GATEHOUSE_EXTERNAL_PG_URL is not set");
			}
			Assumptions.abort("No external PostgreSQL configured (GATEHOUSE_EXTERNAL_PG_URL); .ci/run provides one");
		}
		Flyway flyway = Flyway.configure()
			.dataSource(url, System.getenv().getOrDefault("GATEHOUSE_EXTERNAL_PG_USER", "postgres"),
					System.getenv().getOrDefault("GATEHOUSE_EXTERNAL_PG_PASSWORD", ""))
			.locations("classpath:db/migration")
			.cleanDisabled(false)
			.load();
		flyway.clean();
		MigrateResult result = flyway.migrate();
		assertThat(result.success).isTrue();
		assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(5);
		flyway.validate();
	}
}
