package dev.vigie.server.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is told after a store's writes (the status page's cache): each listener runs in turn on the
 * writer's thread; one that fails is logged and the others still run. Thread-safe.
 */
final class WriteListeners {
  private static final Logger LOG = LoggerFactory.getLogger(WriteListeners.class);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final String store;

  /** {@code store} names the store in the log line of a failing listener. */
  WriteListeners(String store) {
    this.store = store;
  }

  void add(Runnable listener) {
    listeners.add(listener);
  }

  /** Tells every listener that a write happened. */
  void written() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: a write listener failed", store, e);
      }
    }
  }
}
