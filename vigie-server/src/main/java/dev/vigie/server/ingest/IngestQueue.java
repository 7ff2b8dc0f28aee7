package dev.vigie.server.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded hand-off between the network threads and the single detection thread. Network threads
 * never block: when the queue is full the packet is dropped and counted ({@link #dropped()}), so an
 * overload degrades detection instead of stalling or crashing the listeners.
 */
public final class IngestQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
  private final BlockingQueue<Datagram> queue;
  private final LongAdder received = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final Thread worker;
  private volatile boolean running = true;

  /**
   * @param capacity packets held at most (e.g. 262144: about a second and a half at 150k/s)
   * @param consumer called on the worker thread for each packet, in arrival order
   * @param idle called on the worker thread at least every 200 ms when no packet arrives (ticks)
   */
  public IngestQueue(int capacity, Consumer<Datagram> consumer, Runnable idle) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker =
        Thread.ofPlatform()
            .name("vigie-detect")
            .daemon(true)
            .unstarted(() -> {
              long lastIdle = System.nanoTime();
              while (running || !queue.isEmpty()) {
                try {
                  Datagram d = queue.poll(100, TimeUnit.MILLISECONDS);
                  if (d != null) consumer.accept(d);
                  long now = System.nanoTime();
                  if (d == null || now - lastIdle > 200_000_000L) {
                    idle.run();
                    lastIdle = now;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (RuntimeException e) {
                  LOG.error("ingest: packet processing failed", e);
                }
              }
            });
  }

  public IngestQueue start() {
    worker.start();
    return this;
  }

  /** Offers a packet; never blocks. */
  public boolean offer(Datagram d) {
    received.increment();
    if (queue.offer(d)) return true;
    dropped.increment();
    return false;
  }

  public long received() {
    return received.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  public int depth() {
    return queue.size();
  }

  /** True when every offered packet has been taken by the worker. */
  public boolean drained() {
    return queue.isEmpty();
  }

  @Override
  public void close() {
    running = false;
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
