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
public final class Topics {
  public static final String SIP_BY_SOURCE = "vigie.sip.by-source";
  public static final String SIP_BY_MACHINE = "vigie.sip.by-machine";
  public static final String ALERTS = "vigie.alerts";
  public static final String ACTIONS = "vigie.actions";

  private Topics() {}

  /**
   * Creates the topics when missing: {@code partitions} for the SIP topics (the unit of detect
   * parallelism), 3 for alerts and actions; {@code replicas} copies of each (1 on kafka-dev, 3 in
   * production).
   */
  public static void create(Admin admin, int partitions, short replicas)
      throws InterruptedException {
    List<NewTopic> topics = new ArrayList<>();
    Map<String, String> sip = Map.of("retention.ms", String.valueOf(6 * 3600_000L));
    topics.add(new NewTopic(SIP_BY_SOURCE, partitions, replicas).configs(sip));
    topics.add(new NewTopic(SIP_BY_MACHINE, partitions, replicas).configs(sip));
    topics.add(new NewTopic(ALERTS, 3, replicas));
    topics.add(new NewTopic(ACTIONS, 3, replicas));
    try {
      Set<String> existing = admin.listTopics().names().get();
      topics.removeIf(t -> existing.contains(t.name()));
      if (!topics.isEmpty()) admin.createTopics(topics).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the Vigie topics: " + e.getCause(), e);
      }
    }
  }
}
