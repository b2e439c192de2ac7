package io.gatehouse.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Something expensive to build (a dictionary, a parser) that is built on its own daemon thread once the
 * application is ready, so that it neither delays readiness nor competes with start-up for the CPU;
 * whoever needs it first (possibly before then) starts it and waits. The thread carries the creator's
 * context class loader: pool threads carry the system one, which cannot see resources inside the
 * application jar.
 */
public final class Background<T> {

	private final String name;

	private final Supplier<T> loader;

	private final ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

	private final AtomicBoolean started = new AtomicBoolean();

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private Background(String name, Supplier<T> loader) {
		this.name = name;
		this.loader = loader;
	}

	public static <T> Background<T> load(String name, Supplier<T> loader) {
		return new Background<>(name, loader);
	}

	/** Starts building, once; called when the application is ready. */
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				this.result.complete(this.loader.get());
			}
			catch (RuntimeException | Error ex) {
				this.result.completeExceptionally(ex);
			}
		}, "load-" + this.name);
		thread.setContextClassLoader(this.classLoader);
		thread.setDaemon(true);
		thread.start();
	}

	/** The built value, starting and waiting for it if needed. */
	public T get() {
		start();
		return this.result.join();
	}
}
