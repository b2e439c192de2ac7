package io.gatehouse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;

/**
 * One embedded PostgreSQL for the whole test JVM; every Spring context gets a database of its own in
 * it, so contexts never see each other's rows and the server starts once.
 */
public final class TestDatabase {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	private TestDatabase() {
	}

	public static synchronized EmbeddedPostgres server() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder()
					.setServerConfig("max_connections", "300")
					// As the application's embedded server has it (the library's default is off), so that what is
					// sent to commit without waiting is seen to be so. The library's fsync=off stays: a test
					// database need not survive a crash of the machine, and the suite runs faster without.
					.setServerConfig("synchronous_commit", "on")
					// The handler below closes it; the library's own JVM hook would run alongside Spring's.
					.setRegisterShutdownHook(false)
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// Closed after the cached Spring contexts: Boot's shutdown hook runs its handlers once every context
			// is closed. A JVM hook of its own would run alongside, stop the server under the contexts' still
			// running scheduled jobs, and leave one waiting for its pool's 30 s connection timeout.
			SpringApplication.getShutdownHandlers().add(() -> {
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// The JVM is exiting; the temporary data directory goes with it.
				}
			});
		}
		return postgres;
	}

	/** Creates an empty database and returns its JDBC URL (user {@code postgres}). */
	public static String newDatabase() {
		String name = "gatehouse_test_" + COUNTER.incrementAndGet();
		try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return server().getJdbcUrl("postgres", name);
	}
}
