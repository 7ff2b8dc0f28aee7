package dev.vigie.server.cli;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.SipSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reading thread frames, a second thread detects: {@link #onSip} collects events into batches
 * of {@value #BATCH} and hands each full batch to a consumer thread through a bounded queue (at
 * most {@value #DEPTH} batches in flight, so a slow consumer slows the reader and memory stays
 * bounded). Events are delivered to the consumer in capture order. Events are safe to hand over: a
 * streamed capture's message owns a copy of its bytes.
 *
 * <p>A failure of the consumer stops the reader at its next hand-off (the {@link RuntimeException}
 * is rethrown there, so {@code CaptureDecoder.read} reports it as one line); {@link #close} waits
 * for the consumer to drain and rethrows its failure.
 */
final class DetectionPipe implements SipSink, AutoCloseable {
  static final int BATCH = 1024;
  static final int DEPTH = 16;
  private static final SipEvent[] END = new SipEvent[0];

  private final BlockingQueue<SipEvent[]> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread consumer;
  private volatile RuntimeException failure;
  private SipEvent[] batch = new SipEvent[BATCH];
  private int n;

  DetectionPipe(Consumer<SipEvent> detect) {
    consumer =
        Thread.ofPlatform().name("vigie-analyze-detection").daemon().unstarted(() -> drain(detect));
    consumer.start();
  }

  private void drain(Consumer<SipEvent> detect) {
    try {
      for (SipEvent[] b = queue.take(); b != END; b = queue.take()) {
        for (SipEvent e : b) {
          if (e == null) break;
          detect.accept(e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      queue.clear(); // unblock the reader; it sees the failure at its next hand-off
    }
  }

  @Override
  public void onSip(SipEvent event) {
    batch[n++] = event;
    if (n == BATCH) {
      hand(batch);
      batch = new SipEvent[BATCH];
      n = 0;
    }
  }

  private void hand(SipEvent[] b) {
    try {
      while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
        checkFailure();
        if (!consumer.isAlive()) throw new IllegalStateException("detection thread stopped");
      }
      checkFailure();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void checkFailure() {
    RuntimeException f = failure;
    if (f != null) throw f;
  }

  /** Hands over the last partial batch, waits for the consumer to finish, rethrows its failure. */
  @Override
  public void close() {
    try {
      if (failure == null && consumer.isAlive()) {
        if (n > 0) hand(batch);
        n = 0;
        hand(END);
      }
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    checkFailure();
  }
}
