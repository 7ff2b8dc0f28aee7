package dev.vigie.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs {@code threads} tasks released at the same instant; bounded by a 30 s timeout. */
public final class Concurrently {
  private Concurrently() {}

  public static <T> List<T> run(int threads, IntFunction<T> task) throws Exception {
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var go = new CountDownLatch(1);
      var futures = new ArrayList<Future<T>>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Callable<T> call =
            () -> {
              go.await();
              return task.apply(n);
            };
        futures.add(pool.submit(call));
      }
      go.countDown();
      var out = new ArrayList<T>();
      for (var f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
