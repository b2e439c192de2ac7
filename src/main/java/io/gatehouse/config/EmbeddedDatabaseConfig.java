package io.gatehouse.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.shared.GatehouseProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The zero-setup default: when no {@code spring.datasource.url} is configured, Gatehouse starts its
 * own PostgreSQL whose data lives under {@code <data-dir>/pgdata} and survives restarts. Production
 * configures an external PostgreSQL through the standard Spring datasource properties.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDataSourceUrl.class)
class EmbeddedDatabaseConfig {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(GatehouseProperties gatehouse) throws IOException {
		if (gatehouse.isProduction()) {
			throw new IllegalStateException(
					"The embedded database is for development; set spring.datasource.url in production");
		}
		Path dataDir = gatehouse.dataDir().resolve("pgdata").toAbsolutePath();
		Files.createDirectories(dataDir);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			// Spring closes it (after the connection pool) on shutdown; the library's own JVM hook would
			// stop the server under requests that graceful shutdown is still finishing.
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "100")
			.start();
		log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(16);
		config.setPoolName("gatehouse-embedded");
		return new HikariDataSource(config);
	}

	static final class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return url == null || url.isBlank();
		}
	}
}
