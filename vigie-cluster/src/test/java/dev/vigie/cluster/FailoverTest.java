package dev.vigie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigie.cluster.codec.Action;
import dev.vigie.cluster.codec.AlertRecords;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.detect.Alert;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code detect} processes; the one holding the attacker's partition is killed with SIGKILL as
 * the attack (SIPVicious svwar, replayed at its own pace on the wall clock) starts. Its partitions
 * move to the survivor, which still raises the alert within 15 s of the attack's start. Respond is
 * down meanwhile: the alert waits in Kafka and is handled once respond starts; no alert is handled
 * twice, and the containment action, delivered twice to two act agents of one host, is applied
 * once.
 */
class FailoverTest {
  private static final String ATTACKER = "127.0.0.66";
  private final List<Process> children = new ArrayList<>();

  @TempDir Path tmp;

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void killedDetectHandsOverAndRespondCatchesUp() throws Exception {
    String bootstrap = Broker.bootstrap();
    Topics topics = Broker.topics("failover", 6);
    Inventory inv = Lab.inventory();
    Map<String, String> assigned = new ConcurrentHashMap<>();
    for (String name : List.of("a", "b")) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  DetectChild.class.getName(),
                  bootstrap,
                  topics.prefix(),
                  "detect-failover",
                  name)
              .redirectError(tmp.resolve(name + ".err").toFile())
              .start();
      children.add(p);
      Thread.ofPlatform()
          .daemon(true)
          .start(() -> {
            try (BufferedReader r =
                new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
              for (String line; (line = r.readLine()) != null; )
                if (line.startsWith("assigned ")) assigned.put(name, line.substring(9));
            } catch (java.io.IOException e) {
              // the process died
            }
          });
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            assigned.size() == 2
                && assigned.values().stream().noneMatch(String::isEmpty)
                && assigned.values().stream().mapToInt(s -> s.split(",").length).sum() == 12);

    // the attacker's source-stage partition, and the process holding it
    byte[] key = IpAddress.parse(ATTACKER).toBytes();
    String tp = topics.sipBySource() + "-" + (Utils.toPositive(Utils.murmur2(key)) % 6);
    String victim =
        assigned.entrySet().stream()
            .filter(e -> List.of(e.getValue().split(",")).contains(tp))
            .findFirst()
            .orElseThrow()
            .getKey();
    String survivor = victim.equals("a") ? "b" : "a";
    Process victimProcess = children.get(victim.equals("a") ? 0 : 1);

    // svwar, re-timed so that its attack starts now
    List<SipEvent> events = new ArrayList<>();
    CaptureDecoder.read(Lab.dir().resolve("captures/svwar.hep.pcap"), events::add);
    long attackStart =
        events.stream()
            .filter(e -> e.src().toString().equals(ATTACKER))
            .mapToLong(SipEvent::timestampMicros)
            .min()
            .orElseThrow();
    long startWall = micros(Instant.now()) + 200_000;
    long shift = startWall - attackStart;
    boolean killed = false;
    long killedAt = 0;
    List<Long> producedAt = new CopyOnWriteArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = Broker.ingestProducer()) {
      IngestPublisher pub =
          new IngestPublisher(producer, topics, new Stages(inv), InstantSource.system());
      for (SipEvent e : events) {
        long at = e.timestampMicros() + shift;
        if (at > startWall + 12_000_000L) break; // the attack is 4 s long: 12 s is plenty
        long wait = at - micros(Instant.now());
        if (wait > 0) Thread.sleep(wait / 1000, (int) (wait % 1000) * 1000);
        if (!killed && at >= startWall) {
          victimProcess.destroyForcibly(); // SIGKILL: no commit, no leave-group
          victimProcess.waitFor();
          killed = true;
          killedAt = System.currentTimeMillis();
        }
        pub.publish(e.withTimestamp(at));
        pub.idleTick();
      }
      assertThat(killed).isTrue();
      assertThat(pub.dropped()).isZero();
      // traffic over: event time goes on with the wall clock until the alert is out; the alert
      // is in Kafka (respond is still down)
      try (KafkaConsumer<byte[], byte[]> peek =
          new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "failover-peek", "peek"))) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < 3; p++) parts.add(new TopicPartition(topics.alerts(), p));
        peek.assign(parts);
        peek.seekToBeginning(parts);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> {
              pub.idleTick();
              producer.flush();
              for (var r : peek.poll(Duration.ofMillis(200))) {
                Alert a = AlertRecords.decode(r.value());
                if (ATTACKER.equals(a.source())) producedAt.add(r.timestamp());
              }
              return !producedAt.isEmpty();
            });
      }
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> assigned.getOrDefault(survivor, "").split(",").length == 12);
    // produced by the survivor (the victim died before the attack's first packet)...
    assertThat(Collections.min(producedAt)).isGreaterThanOrEqualTo(killedAt);
    // ...within 15 s of the attack's start
    assertThat(Collections.min(producedAt) - startWall / 1000)
        .as("ms from the attack's start to the alert in Kafka")
        .isLessThanOrEqualTo(15_000);

    // respond starts late: handles what waited; its containment goes to two act agents
    List<Alert> handled = new CopyOnWriteArrayList<>();
    List<String> applied = new CopyOnWriteArrayList<>();
    Actuator firewall = recording(applied);
    AppliedActions ledger = new AppliedActions(tmp.resolve("applied-actions"));
    List<ActAgent> agents = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ActAgent agent =
          new ActAgent(
              new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "act-host1", "act-" + i)),
              topics,
              firewall,
              ledger);
      agents.add(agent);
      Thread.ofPlatform().daemon(true).start(agent);
    }
    ActionPublisher actions =
        new ActionPublisher(
            new KafkaProducer<>(KafkaProps.reliableProducer(bootstrap, "respond-actions")), topics);
    AlertSubscriber respond =
        new AlertSubscriber(
            new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "respond-failover", "respond")),
            topics,
            a -> {
              handled.add(a);
              if (a.source() != null) {
                Action act = Action.of(Action.Op.APPLY, block(a));
                try {
                  actions.send(act);
                  actions.send(act); // delivered twice, as after a respond crash before commit
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            Duration.ofMinutes(5));
    Thread.ofPlatform().daemon(true).start(respond);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              handled.stream().anyMatch(a -> ATTACKER.equals(a.source()))
                  && applied.stream().anyMatch(s -> s.contains(ATTACKER)));
      Thread.sleep(2000); // anything duplicated would arrive meanwhile
      List<String> keys = handled.stream().map(a -> a.id() + "#" + a.revision()).toList();
      assertThat(keys).doesNotHaveDuplicates();
      assertThat(applied).doesNotHaveDuplicates();
      assertThat(agents.stream().mapToLong(ActAgent::skipped).sum()).isPositive();
    } finally {
      respond.close();
      agents.forEach(ActAgent::close);
    }
  }

  private static Isolation block(Alert a) {
    Instant now = Instant.now();
    Target t = Target.Source.parse(a.source());
    return new Isolation(
        "iso-" + a.id(),
        t,
        IsolationKind.of(t),
        Reason.ISOLATE,
        a.summary(),
        a.id(),
        now,
        Duration.ofMinutes(10),
        now,
        now.plus(Duration.ofMinutes(10)),
        IsolationState.ACTIVE,
        Isolation.AUTO,
        false,
        null,
        null);
  }

  private static Actuator recording(List<String> applied) {
    return new Actuator() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void apply(Isolation i) {
        applied.add("apply " + i.target() + " " + i.id());
      }

      @Override
      public void revoke(Isolation i) {
        applied.add("revoke " + i.target() + " " + i.id());
      }
    };
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
