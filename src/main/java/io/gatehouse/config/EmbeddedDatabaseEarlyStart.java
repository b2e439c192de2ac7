package io.gatehouse.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the application's configuration is complete, on a thread of
 * its own: the server starts (and on the first run, initdb creates the cluster) while Spring reads the
 * configuration classes and creates the web server, instead of after them, when the first bean needs
 * the database. {@link EmbeddedDatabaseConfig} then takes the running server. Registered in
 * {@code META-INF/spring.factories}; it does nothing when a {@code spring.datasource.url} is set, in
 * production (the bean refuses the embedded database there, with the reason), or when the settings do
 * not bind (the bean reports that too).
 */
final class EmbeddedDatabaseEarlyStart implements ApplicationListener<ApplicationPreparedEvent> {

	static final String BEAN_NAME = "gatehouse.embeddedDatabaseEarlyStart";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseEarlyStart.class);

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		if (!EmbeddedDatabaseConfig.NoDataSourceUrl.matches(environment)) {
			return;
		}
		GatehouseProperties gatehouse;
		try {
			gatehouse = Binder.get(environment).bindOrCreate("gatehouse", GatehouseProperties.class);
		}
		catch (RuntimeException ex) {
			return;
		}
		if (gatehouse.isProduction()) {
			return;
		}
		ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
		if (beans.containsSingleton(BEAN_NAME)) {
			return;
		}
		Starting starting = new Starting(EmbeddedDatabaseConfig.dataDir(gatehouse));
		beans.registerSingleton(BEAN_NAME, starting);
		if (beans instanceof DefaultSingletonBeanRegistry registry) {
			// Stops the server if the application fails to start before the bean took it.
			registry.registerDisposableBean(BEAN_NAME, starting);
		}
		Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
			try {
				starting.server.complete(EmbeddedDatabaseConfig.start(gatehouse));
			}
			catch (IOException | RuntimeException | Error ex) {
				starting.server.completeExceptionally(ex);
			}
		});
	}

	/** A server being started for one data directory; taken once by the bean, or stopped unused. */
	static final class Starting implements DisposableBean {

		private final Path dataDir;

		private final CompletableFuture<EmbeddedDatabaseConfig.EmbeddedServer> server = new CompletableFuture<>();

		private final AtomicBoolean taken = new AtomicBoolean();

		Starting(Path dataDir) {
			this.dataDir = dataDir;
		}

		Path dataDir() {
			return this.dataDir;
		}

		/** Waits for the server; from now on, closing it is the caller's. */
		EmbeddedDatabaseConfig.EmbeddedServer take() throws IOException {
			if (!this.taken.compareAndSet(false, true)) {
				throw new IllegalStateException("the early-started embedded server was already taken");
			}
			try {
				return this.server.join();
			}
			catch (CompletionException ex) {
				switch (Objects.requireNonNull(ex.getCause(), "a failed start has a cause")) {
					case IOException io -> throw io;
					case RuntimeException runtime -> throw runtime;
					case Error error -> throw error;
					default -> throw ex;
				}
			}
		}

		@Override
		public void destroy() {
			if (this.taken.get()) {
				return;
			}
			EmbeddedDatabaseConfig.EmbeddedServer unused = this.server.exceptionally(ex -> null).join();
			if (unused == null) {
				return;
			}
			try {
				unused.close();
			}
			catch (IOException ex) {
				log.warn("Could not stop the embedded PostgreSQL: {}", ex.toString());
			}
		}
	}
}
