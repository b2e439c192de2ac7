package io.gatehouse.config;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.FileSystemUtils;

/**
 * The zero-setup default: when no {@code spring.datasource.url} is configured, Gatehouse starts its
 * own PostgreSQL whose data lives under {@code <data-dir>/pgdata} and survives restarts. Production
 * configures an external PostgreSQL through the standard Spring datasource properties.
 * <p>
 * The pool reaches the embedded server through a Unix-domain socket in a directory only this user can
 * enter, where the platform has them: a round trip over it costs both processes less CPU than one over
 * loopback TCP (about 35 against 55 µs here), and every sign-in makes several. The TCP port stays open
 * on localhost for tools and for the library's own start-up check.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDataSourceUrl.class)
class EmbeddedDatabaseConfig {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

	/** The kernel's limit for a socket path is 108 bytes with the terminating zero (Linux; 104 on macOS). */
	private static final int MAX_SOCKET_PATH = 100;

	/**
	 * The server that {@link EmbeddedDatabaseEarlyStart} started while the application was being
	 * configured, or, without it, one started now.
	 */
	@Bean(destroyMethod = "close")
	EmbeddedServer embeddedPostgres(GatehouseProperties gatehouse,
			ObjectProvider<EmbeddedDatabaseEarlyStart.Starting> early) throws IOException {
		if (gatehouse.isProduction()) {
			throw new IllegalStateException(
					"The embedded database is for development; set spring.datasource.url in production");
		}
		EmbeddedDatabaseEarlyStart.Starting starting = early.getIfAvailable();
		if (starting != null && starting.dataDir().equals(dataDir(gatehouse))) {
			return starting.take();
		}
		return start(gatehouse);
	}

	static Path dataDir(GatehouseProperties gatehouse) {
		return gatehouse.dataDir().resolve("pgdata").toAbsolutePath();
	}

	/** Starts the server, creating its data directory and cluster the first time. */
	static EmbeddedServer start(GatehouseProperties gatehouse) throws IOException {
		Path dataDir = dataDir(gatehouse);
		Files.createDirectories(dataDir);
		// A fresh directory per start, created owner-only (rwx------): the server trusts local connections,
		// so no other user of the machine may reach its socket. Empty means no Unix-domain socket at all.
		Path socketDirectory = AFUNIXSocket.isSupported() ? Files.createTempDirectory("gatehouse-pg") : null;
		EmbeddedPostgres postgres;
		try {
			postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				// Spring closes it (after the connection pool) on shutdown; the library's own JVM hook would
				// stop the server under requests that graceful shutdown is still finishing.
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "100")
				// The library is made for tests: it starts its servers with fsync off (-F) and commits that do
				// not wait for the disk. These undo both (a later -c wins), so that a commit that was answered
				// survives a crash of the machine, and a crash cannot corrupt the data directory.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("unix_socket_directories", socketDirectory == null ? "" : socketDirectory.toString())
				.start();
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(socketDirectory);
			throw ex;
		}
		Path socket = socketDirectory == null ? null : socketDirectory.resolve(".s.PGSQL." + postgres.getPort());
		if (socket != null && (socket.toString().length() > MAX_SOCKET_PATH || !Files.exists(socket))) {
			log.info("Embedded PostgreSQL: no usable Unix-domain socket at {}; connecting over TCP", socket);
			socket = null;
		}
		log.info("Embedded PostgreSQL started on port {}{} with data in {}", postgres.getPort(),
				socket == null ? "" : " and socket " + socket, dataDir);
		return new EmbeddedServer(postgres, socket, socketDirectory);
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedServer server) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(server.postgres().getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(16);
		config.setPoolName("gatehouse-embedded");
		if (server.socket() != null) {
			// pgjdbc then ignores the URL's host and port and opens this socket instead.
			config.addDataSourceProperty("socketFactory", AFUNIXSocketFactory.FactoryArg.class.getName());
			config.addDataSourceProperty("socketFactoryArg", server.socket().toString());
		}
		return new HikariDataSource(config);
	}

	/** The embedded server, and the Unix-domain socket the pool uses when there is one. */
	record EmbeddedServer(EmbeddedPostgres postgres, @Nullable Path socket, @Nullable Path socketDirectory)
			implements Closeable {

		@Override
		public void close() throws IOException {
			try {
				this.postgres.close();
			}
			finally {
				deleteQuietly(this.socketDirectory);
			}
		}
	}

	private static void deleteQuietly(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			log.warn("Could not delete the embedded PostgreSQL's socket directory {}: {}", directory, ex.toString());
		}
	}

	static final class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return matches(context.getEnvironment());
		}

		static boolean matches(Environment environment) {
			String url = environment.getProperty("spring.datasource.url");
			return url == null || url.isBlank();
		}
	}
}
