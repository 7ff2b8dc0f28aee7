package dev.vigie.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded hand-off between the network threads and the single detection thread, bounded in
 * packets and in bytes. Network threads never block: when either bound is reached the packet is
 * dropped and counted ({@link #dropped()}), so an overload (64 KB datagrams at 2,000/s, issue 17
 * point 2) degrades detection instead of filling the heap.
 *
 * <p>The detection thread never dies on an exception: a packet, task or tick that throws is counted
 * ({@link #failures()}), logged (one escaped line, at most 10 a minute) and skipped. Only a {@link
 * VirtualMachineError} other than a stack overflow ends it (the launcher's {@code
 * -XX:+ExitOnOutOfMemoryError} then ends the process so that a supervisor restarts it); {@link
 * #healthy()} turns false when the thread is gone or has not come round its loop for 10 s.
 */
public final class IngestQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);

  /** What a queued packet costs beyond its bytes (object headers, the queue's slot). */
  static final int OVERHEAD = 64;

  private volatile long stallNanos = 10_000_000_000L;
  private final BlockingQueue<Datagram> queue;
  private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(4096);
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final LongAdder tasksDropped = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final Thread worker;
  private volatile boolean running = true;
  private volatile long heartbeat = System.nanoTime();
  private long logWindow;
  private int loggedInWindow;

  /** Packets the worker has finished with (accepted or failed). */
  private final LongAdder processed = new LongAdder();

  private static final int BATCH = 512;

  /** A queue bounded in packets only (tests, tools). */
  public IngestQueue(int capacity, Consumer<Datagram> consumer, Runnable idle) {
    this(capacity, Long.MAX_VALUE, consumer, idle);
  }

  /**
   * @param capacity packets held at most (e.g. 262144: about a second and a half at 150k/s)
   * @param maxBytes bytes held at most, counting {@link #OVERHEAD} per packet
   * @param consumer called on the worker thread for each packet, in arrival order
   * @param idle called on the worker thread at least every 200 ms when no packet arrives (ticks)
   */
  public IngestQueue(int capacity, long maxBytes, Consumer<Datagram> consumer, Runnable idle) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxBytes = maxBytes;
    this.worker =
        Thread.ofPlatform()
            .name("vigie-detect")
            .daemon(true)
            .unstarted(() -> {
              List<Datagram> batch = new ArrayList<>(BATCH);
              long lastIdle = System.nanoTime();
              while (running || !queue.isEmpty() || !tasks.isEmpty()) {
                heartbeat = System.nanoTime();
                try {
                  if (!tasks.isEmpty()) runTasks();
                  // one lock round per batch, not per packet: the producers (network threads)
                  // and this thread contend on the queue's lock far less under load
                  if (queue.drainTo(batch, BATCH) == 0) {
                    Datagram d = queue.poll(tasks.isEmpty() ? 20 : 0, TimeUnit.MILLISECONDS);
                    if (d != null) batch.add(d);
                  }
                  for (int i = 0; i < batch.size(); i++) {
                    Datagram d = batch.get(i);
                    bytes.addAndGet(-(d.bytes().length + OVERHEAD));
                    try {
                      consumer.accept(d);
                    } catch (Throwable e) { // NOPMD: the detection thread must not die
                      failed("packet processing", e);
                    }
                    processed.increment();
                  }
                  boolean none = batch.isEmpty();
                  batch.clear();
                  long now = System.nanoTime();
                  if (none || now - lastIdle > 200_000_000L) {
                    lastIdle = now;
                    idle.run();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (Throwable e) { // NOPMD: as above, for ticks
                  batch.clear();
                  failed("tick", e);
                }
              }
            });
  }

  private void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      try {
        t.run();
      } catch (Throwable e) { // NOPMD: as above, for tasks (CDRs)
        failed("task", e);
      }
    }
  }

  /** Counts and logs a failure; rethrows only a virtual-machine error (out of memory...). */
  private void failed(String what, Throwable e) {
    if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) throw vme;
    failures.increment();
    long minute = System.nanoTime() / 60_000_000_000L;
    if (minute != logWindow) {
      logWindow = minute;
      loggedInWindow = 0;
    }
    if (++loggedInWindow <= 10) LOG.error("ingest: {} failed: {}", what, describe(e));
  }

  /**
   * One log line for an exception: its class, its message with control characters escaped (it may
   * quote network input) and cut at 300 characters, and the first frames where it was thrown.
   */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getName());
    String m = e.getMessage();
    if (m != null) {
      b.append(": ");
      for (int i = 0; i < m.length() && i < 300; i++) {
        char c = m.charAt(i);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c))
          b.append(String.format("\\u%04x", (int) c));
        else b.append(c);
      }
      if (m.length() > 300) b.append("...");
    }
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < st.length && i < 3; i++) b.append(" at ").append(st[i]);
    return b.toString();
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

  /** Offers a packet; never blocks. Dropped (and counted) when the packet or byte bound is hit. */
  public boolean offer(Datagram d) {
    received.increment();
    long cost = d.bytes().length + OVERHEAD;
    if (bytes.addAndGet(cost) > maxBytes) {
      bytes.addAndGet(-cost);
      dropped.increment();
      return false;
    }
    if (queue.offer(d)) return true;
    bytes.addAndGet(-cost);
    dropped.increment();
    return false;
  }

  public long received() {
    return received.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  /** Packets, tasks and ticks that threw on the detection thread (each skipped). */
  public long failures() {
    return failures.sum();
  }

  public int depth() {
    return queue.size();
  }

  /** Bytes held in the queue now (packets plus {@link #OVERHEAD} each). */
  public long bytes() {
    return bytes.get();
  }

  /**
   * False when the detection thread has stopped (died, or has not come round its loop for 10 s
   * while started): ingest is then not processing anything and {@code /healthz} says so.
   */
  public boolean healthy() {
    if (!worker.isAlive()) return false;
    return System.nanoTime() - heartbeat < stallNanos;
  }

  /** How long the loop may go without coming round before {@link #healthy()} says no (tests). */
  IngestQueue stallAfter(java.time.Duration d) {
    stallNanos = d.toNanos();
    return this;
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
