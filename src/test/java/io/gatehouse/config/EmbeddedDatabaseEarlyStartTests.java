package io.gatehouse.config;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server is started while the application is configured, handed to the bean once, and
 * stopped if the application never takes it; nothing starts when a datasource is configured.
 */
class EmbeddedDatabaseEarlyStartTests {

	@TempDir
	Path dataDir;

	@Test
	void preparedWithoutDataSourceUrlThenServerStartsAndIsTakenOnce() throws Exception {
		GenericApplicationContext context = prepared(Map.of("gatehouse.data-dir", this.dataDir.toString()));
		EmbeddedDatabaseEarlyStart.Starting starting = context.getBean(EmbeddedDatabaseEarlyStart.Starting.class);
		assertThat(starting.dataDir()).isEqualTo(this.dataDir.resolve("pgdata").toAbsolutePath());
		EmbeddedDatabaseConfig.EmbeddedServer server = starting.take();
		try {
			assertThat(selectOne(server)).isEqualTo(1);
			assertThatThrownBy(starting::take).isInstanceOf(IllegalStateException.class);
			// Taken: closing the context leaves the server to its bean's destroy method.
			context.close();
			assertThat(selectOne(server)).isEqualTo(1);
		}
		finally {
			server.close();
		}
	}

	@Test
	void configBeanTakesTheStartedServer() throws Exception {
		GenericApplicationContext context = prepared(Map.of("gatehouse.data-dir", this.dataDir.toString()));
		EmbeddedDatabaseEarlyStart.Starting starting = context.getBean(EmbeddedDatabaseEarlyStart.Starting.class);
		EmbeddedDatabaseConfig.EmbeddedServer server = new EmbeddedDatabaseConfig().embeddedPostgres(
				new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT, URI.create("http://localhost:8080"),
						this.dataDir),
				context.getBeanProvider(EmbeddedDatabaseEarlyStart.Starting.class));
		try {
			assertThatThrownBy(starting::take).isInstanceOf(IllegalStateException.class);
			assertThat(selectOne(server)).isEqualTo(1);
		}
		finally {
			server.close();
			context.close();
		}
	}

	@Test
	void neverTakenThenStoppedWithTheContext() throws Exception {
		GenericApplicationContext context = prepared(Map.of("gatehouse.data-dir", this.dataDir.toString()));
		assertThat(context.getBean(EmbeddedDatabaseEarlyStart.Starting.class)).isNotNull();
		// As if the application failed to start before the database was needed: closing waits for the start
		// and stops the server, which removes its postmaster.pid on the way out.
		context.close();
		assertThat(this.dataDir.resolve("pgdata").resolve("PG_VERSION")).exists();
		assertThat(this.dataDir.resolve("pgdata").resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void dataSourceUrlOrProductionThenNothingStarts() {
		GenericApplicationContext external = prepared(Map.of("gatehouse.data-dir", this.dataDir.toString(),
				"spring.datasource.url", "jdbc:postgresql://db.example/gatehouse"));
		assertThat(external.getBeanProvider(EmbeddedDatabaseEarlyStart.Starting.class).getIfAvailable()).isNull();
		GenericApplicationContext production = prepared(Map.of("gatehouse.data-dir", this.dataDir.toString(),
				"gatehouse.environment", "production", "gatehouse.public-url", "https://gatehouse.example"));
		assertThat(production.getBeanProvider(EmbeddedDatabaseEarlyStart.Starting.class).getIfAvailable()).isNull();
		assertThat(this.dataDir.resolve("pgdata")).doesNotExist();
	}

	private static GenericApplicationContext prepared(Map<String, Object> properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		new EmbeddedDatabaseEarlyStart()
			.onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
		context.refresh();
		return context;
	}

	private static int selectOne(EmbeddedDatabaseConfig.EmbeddedServer server) throws SQLException {
		try (Connection c = DriverManager.getConnection(server.postgres().getJdbcUrl("postgres", "postgres"));
				Statement s = c.createStatement(); ResultSet r = s.executeQuery("select 1")) {
			r.next();
			return r.getInt(1);
		}
	}
}
