package dev.vigie.cluster;

import dev.vigie.cluster.codec.Action;
import dev.vigie.cluster.codec.ActionRecords;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code respond} role's actuator: containment decisions become {@link Action}s on {@link
 * Topics#actions} (keyed by target, so one target's actions stay in order), applied by the {@code
 * act} agents. An action counts as applied once Kafka has it (all replicas); a send that fails
 * makes the isolation FAILED, as a firewall error would.
 */
public final class ActionPublisher implements Actuator {
  private final Producer<byte[], byte[]> producer;
  private final Topics topics;

  public ActionPublisher(Producer<byte[], byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void apply(Isolation isolation) throws ActuationException {
    send(Action.of(Action.Op.APPLY, isolation));
  }

  @Override
  public void revoke(Isolation isolation) throws ActuationException {
    send(Action.of(Action.Op.REVOKE, isolation));
  }

  /** Publishes {@code a} and waits for its acknowledgement. */
  public void send(Action a) throws ActuationException {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topics.actions(),
                  a.isolation().target().key().getBytes(StandardCharsets.UTF_8),
                  ActionRecords.encode(a)))
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActuationException("interrupted while publishing action " + a.id());
    } catch (ExecutionException | TimeoutException e) {
      throw new ActuationException("action " + a.id() + " not published to Kafka: " + e);
    }
  }
}
