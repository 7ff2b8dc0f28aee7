package dev.vigie.cluster;

import dev.vigie.cluster.codec.Action;
import dev.vigie.cluster.codec.ActionRecords;
import dev.vigie.cluster.codec.CodecException;
import dev.vigie.contain.actuator.Actuator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code act} role: an agent on a firewall host. It reads {@code actions} in the consumer group
 * of its host ({@code vigie-act-HOST}: every host applies every action, the agents of one host
 * share the work) and applies each with its actuator (nftables, webhook) exactly once per host
 * through {@link AppliedActions}. Offsets are committed after applying; an action whose actuator
 * fails is retried on the next delivery.
 */
public final class ActAgent implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActAgent.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Actuator actuator;
  private final AppliedActions applied;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong appliedNow = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public ActAgent(
      Consumer<byte[], byte[]> consumer, Topics topics, Actuator actuator, AppliedActions applied) {
    this.consumer = consumer;
    this.topics = topics;
    this.actuator = actuator;
    this.applied = applied;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topics.actions()));
    try {
      actuator.prepare();
    } catch (Exception e) {
      LOG.error("act: {} cannot prepare: {}", actuator.name(), e.getMessage());
    }
    try {
      while (running.get()) {
        var batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) handle(r.value());
        if (!batch.isEmpty()) consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running.get()) throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  void handle(byte[] value) {
    Action a;
    try {
      a = ActionRecords.decode(value);
    } catch (CodecException e) {
      LOG.warn("act: action record skipped: {}", e.getMessage());
      return;
    }
    try {
      boolean ran =
          applied.applyOnce(
              a.id(),
              () -> {
                if (a.isolation().dryRun()) return; // decided in dry-run: nothing to put in force
                switch (a.op()) {
                  case APPLY -> actuator.apply(a.isolation());
                  case REVOKE -> actuator.revoke(a.isolation());
                }
              });
      if (ran) {
        appliedNow.incrementAndGet();
        LOG.info("act: {} {} {}", a.op(), a.isolation().target(), a.id());
      } else skipped.incrementAndGet();
    } catch (Exception e) {
      failed.incrementAndGet();
      LOG.error("act: {} failed: {}", a.id(), e.getMessage());
    }
  }

  /** Actions this agent applied. */
  public long applied() {
    return appliedNow.get();
  }

  /** Actions delivered again and not applied (already applied on this host). */
  public long skipped() {
    return skipped.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
