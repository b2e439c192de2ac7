package io.gatehouse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
				postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// The JVM is exiting; the temporary data directory goes with it.
				}
			}));
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
