package dev.vigie.server.ingest;

import java.util.ArrayList;
import java.util.List;
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
  private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(4096);
  private final LongAdder tasksDropped = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final Thread worker;
  private volatile boolean running = true;

  /** Packets the worker has finished with (accepted or failed). */
  private final LongAdder processed = new LongAdder();

  private static final int BATCH = 512;

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
              List<Datagram> batch = new ArrayList<>(BATCH);
              long lastIdle = System.nanoTime();
              while (running || !queue.isEmpty() || !tasks.isEmpty()) {
                try {
                  if (!tasks.isEmpty()) runTasks();
                  // one lock round per batch, not per packet: the producers (network threads)
                  // and this thread contend on the queue's lock far less under load
                  if (queue.drainTo(batch, BATCH) == 0) {
                    Datagram d = queue.poll(tasks.isEmpty() ? 20 : 0, TimeUnit.MILLISECONDS);
                    if (d != null) batch.add(d);
                  }
                  for (int i = 0; i < batch.size(); i++) {
                    try {
                      consumer.accept(batch.get(i));
                    } catch (RuntimeException e) {
                      LOG.error("ingest: packet processing failed", e);
                    }
                    processed.increment();
                  }
                  boolean none = batch.isEmpty();
                  batch.clear();
                  long now = System.nanoTime();
                  if (none || now - lastIdle > 200_000_000L) {
                    idle.run();
                    lastIdle = now;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (RuntimeException e) {
                  LOG.error("ingest: tick failed", e);
                }
              }
            });
  }

  private void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      try {
        t.run();
      } catch (RuntimeException e) {
        LOG.error("ingest: task failed", e);
      }
    }
  }

  /**
   * Runs a task on the detection thread, between packets (how the CDR listener feeds the
   * single-threaded engine). Waits at most {@code timeoutMillis} for room in the bounded task queue
   * (4096), then drops the task and counts it ({@link #tasksDropped()}).
   *
   * @return false when the task was dropped
   */
  public boolean submit(Runnable task, long timeoutMillis) throws InterruptedException {
    if (tasks.offer(task, timeoutMillis, TimeUnit.MILLISECONDS)) return true;
    tasksDropped.increment();
    return false;
  }

  public long tasksDropped() {
    return tasksDropped.sum();
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

  /** True when every offered packet and task has been taken by the worker. */
  public boolean drained() {
    return tasks.isEmpty() && processed.sum() == received.sum() - dropped.sum();
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
