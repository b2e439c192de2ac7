package io.gatehouse.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;

import io.gatehouse.kernel.GatehouseProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The zero-setup database: the pool reaches the embedded server through its Unix-domain socket, in an
 * owner-only directory that goes away with the server; the data directory stays; commits are durable.
 */
class EmbeddedDatabaseConfigTests {

	@TempDir
	Path dataDir;

	@Test
	void thePoolConnectsThroughAnOwnerOnlyUnixSocketThatGoesAwayWithTheServer() throws Exception {
		assumeTrue(AFUNIXSocket.isSupported(), "no Unix-domain sockets on this platform: the pool uses TCP");
		EmbeddedDatabaseConfig config = new EmbeddedDatabaseConfig();
		EmbeddedDatabaseConfig.EmbeddedServer server = EmbeddedDatabaseConfig.start(new GatehouseProperties(
				GatehouseProperties.Environment.DEVELOPMENT, URI.create("http://localhost:8080"), this.dataDir));
		Path socketDirectory;
		try {
			assertThat(server.socket()).isNotNull();
			socketDirectory = server.socketDirectory();
			assertThat(socketDirectory).isNotNull();
			assertThat(Files.getPosixFilePermissions(socketDirectory)).containsExactlyInAnyOrder(
					PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
			DataSource dataSource = config.dataSource(server);
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery(
							"select inet_client_addr() is null, current_setting('unix_socket_directories'),"
									+ " current_setting('synchronous_commit'), current_setting('fsync')")) {
				row.next();
				// PostgreSQL has no client address for a Unix-domain connection; over TCP it would be 127.0.0.1.
				assertThat(row.getBoolean(1)).isTrue();
				assertThat(row.getString(2)).isEqualTo(socketDirectory.toString());
				// Durable commits, although the library (made for tests) starts its servers without either.
				assertThat(row.getString(3)).isEqualTo("on");
				assertThat(row.getString(4)).isEqualTo("on");
			}
			finally {
				((HikariDataSource) dataSource).close();
			}
		}
		finally {
			server.close();
		}
		assertThat(socketDirectory).doesNotExist();
		assertThat(this.dataDir.resolve("pgdata").resolve("PG_VERSION")).exists();
	}
}
