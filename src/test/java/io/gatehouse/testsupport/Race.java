package io.gatehouse.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same attempt on many threads released at one instant, and counts the ones that succeed. */
public final class Race {

	private Race() {
	}

	public static int successes(int parallel, Callable<Boolean> attempt) throws Exception {
		CyclicBarrier start = new CyclicBarrier(parallel);
		List<Future<Boolean>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
			for (int i = 0; i < parallel; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return attempt.call();
				}));
			}
		}
		int ok = 0;
		for (Future<Boolean> r : results) {
			ok += r.get() ? 1 : 0;
		}
		return ok;
	}
}
