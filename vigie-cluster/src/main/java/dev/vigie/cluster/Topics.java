package dev.vigie.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of a Vigie cluster. The two SIP topics are the two keyed stages of detection: {@link
 * #SIP_BY_SOURCE} keyed by the remote source (all of one source's traffic on one partition), {@link
 * #SIP_BY_MACHINE} keyed by the inventory machine (all of one machine's traffic on one partition).
 * See docs/architecture.md.
 */
public record Topics(String prefix) {
  /** The topics of the default namespace: {@code vigie.sip.by-source}, ... */
  public static final Topics DEFAULT = new Topics("vigie");

  public Topics {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,100}"))
      throw new IllegalArgumentException("bad topic prefix: " + prefix);
  }

  public String sipBySource() {
    return prefix + ".sip.by-source";
  }

  public String sipByMachine() {
    return prefix + ".sip.by-machine";
  }

  public String alerts() {
    return prefix + ".alerts";
  }

  public String actions() {
    return prefix + ".actions";
  }

  /** Machine baselines, compacted: the latest checkpoint of each machine. */
  public String baselines() {
    return prefix + ".baselines";
  }

  /** The thresholds in force (published by respond, followed by detect), compacted. */
  public String config() {
    return prefix + ".config";
  }

  /**
   * Creates the topics when missing: {@code partitions} for the SIP topics (the unit of detect
   * parallelism), 3 for alerts and actions; {@code replicas} copies of each (1 on kafka-dev, 3 in
   * production).
   */
  public void create(Admin admin, int partitions, short replicas) throws InterruptedException {
    List<NewTopic> topics = new ArrayList<>();
    Map<String, String> sip = Map.of("retention.ms", String.valueOf(6 * 3600_000L));
    topics.add(new NewTopic(sipBySource(), partitions, replicas).configs(sip));
    topics.add(new NewTopic(sipByMachine(), partitions, replicas).configs(sip));
    topics.add(new NewTopic(alerts(), 3, replicas));
    topics.add(new NewTopic(actions(), 3, replicas));
    topics.add(new NewTopic(baselines(), 3, replicas).configs(Map.of("cleanup.policy", "compact")));
    topics.add(new NewTopic(config(), 1, replicas).configs(Map.of("cleanup.policy", "compact")));
    try {
      Set<String> existing = admin.listTopics().names().get();
      topics.removeIf(t -> existing.contains(t.name()));
      if (!topics.isEmpty()) admin.createTopics(topics).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the Vigie topics: " + e.getCause(), e);
      }
    }
    awaitWritable(admin, topics);
  }

  /**
   * Waits (up to 30 s) until every partition of the topics just created answers on its leader. An
   * idempotent producer whose first batch to a partition not yet open is refused, while its next
   * one is taken, gets stuck on an out-of-order sequence until its delivery timeout (AutoMQ#584
   * describes the same race): the first publish must not race the creation.
   */
  private static void awaitWritable(Admin admin, List<NewTopic> created)
      throws InterruptedException {
    if (created.isEmpty()) return;
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> all =
        new java.util.HashMap<>();
    for (NewTopic t : created)
      for (int p = 0; p < t.numPartitions(); p++)
        all.put(
            new org.apache.kafka.common.TopicPartition(t.name(), p),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        admin.listOffsets(all).all().get();
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline)
          throw new IllegalStateException("Vigie topics not ready: " + e.getCause(), e);
        Thread.sleep(100);
      }
    }
  }
}
