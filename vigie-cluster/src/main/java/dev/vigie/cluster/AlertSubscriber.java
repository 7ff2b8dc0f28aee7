package dev.vigie.cluster;

import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.cluster.codec.CodecException;
import dev.vigie.detect.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code respond} role's input: reads {@code alerts} in the {@code vigie-respond} group and
 * hands each alert to today's alert path (store, incidents, containment, console), committing only
 * after it was handled, so alerts wait in Kafka while respond is down and nothing is lost.
 *
 * <p>Delivery is at least once and a detect task that takes over a partition may raise an ongoing
 * episode again: alerts are merged by episode ({@code KIND:source:machine}) so that the same
 * episode keeps one id, and a revision already handled is not handled twice.
 */
public final class AlertSubscriber implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertSubscriber.class);

  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Consumer<Alert> handler;
  private final Duration quiet;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final Map<String, Episode> episodes =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Episode> e) {
          return size() > 100_000;
        }
      };

  private static final class Episode {
    String id;
    int revision;
    Instant lastSeen;
  }

  public AlertSubscriber(
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      Topics topics,
      Consumer<Alert> handler,
      Duration quiet) {
    this.consumer = consumer;
    this.topics = topics;
    this.handler = handler;
    this.quiet = quiet;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topics.alerts()));
    try {
      while (running.get()) {
        var batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          Alert a;
          try {
            a = AlertRecords.decode(r.value());
          } catch (CodecException e) {
            LOG.warn("respond: alert record skipped: {}", e.getMessage());
            continue;
          }
          Alert merged = merge(a);
          if (merged == null) {
            duplicates.incrementAndGet();
            continue;
          }
          handler.accept(merged);
          handled.incrementAndGet();
        }
        if (!batch.isEmpty()) consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running.get()) throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** The alert under its episode's id, or null when that revision was handled already. */
  Alert merge(Alert a) {
    int cut = a.id().lastIndexOf(':');
    String key = cut > 0 ? a.id().substring(0, cut) : a.id();
    Episode ep = episodes.get(key);
    boolean same =
        ep != null
            && (ep.id.equals(a.id())
                || (a.firstSeen() != null
                    && ep.lastSeen != null
                    && !a.firstSeen().isAfter(ep.lastSeen.plus(quiet))));
    if (!same) {
      ep = new Episode();
      ep.id = a.id();
      ep.revision = a.revision();
      ep.lastSeen = a.lastSeen();
      episodes.put(key, ep);
      return a;
    }
    if (a.lastSeen() != null && (ep.lastSeen == null || a.lastSeen().isAfter(ep.lastSeen)))
      ep.lastSeen = a.lastSeen();
    if (a.revision() <= ep.revision) return null;
    ep.revision = a.revision();
    if (ep.id.equals(a.id())) return a;
    return new Alert(
        ep.id,
        a.revision(),
        a.kind(),
        a.severity(),
        a.source(),
        a.machine(),
        a.firstSeen(),
        a.detectedAt(),
        a.lastSeen(),
        a.summary(),
        a.evidence());
  }

  public long handled() {
    return handled.get();
  }

  /** Alerts read again (replays, a moved partition re-raising an episode) and not handled. */
  public long duplicates() {
    return duplicates.get();
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
