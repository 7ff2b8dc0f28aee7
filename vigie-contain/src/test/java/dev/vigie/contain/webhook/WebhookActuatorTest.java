package dev.vigie.contain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigie.contain.Alerts;
import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.TestClock;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.ledger.InMemoryIsolationLedger;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook actuator against a real HTTP server on 127.0.0.1. */
class WebhookActuatorTest {

  record Call(Map<String, List<String>> headers, String body) {}

  HttpServer server;
  final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  final List<Integer> answers = new ArrayList<>(); // status per call, the last one repeats
  final AtomicInteger served = new AtomicInteger();
  final TestClock clock = new TestClock(Instant.parse("2026-11-24T12:00:00Z"));
  URI url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          calls.add(
              new Call(
                  Map.copyOf(ex.getRequestHeaders()),
                  new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          int n = served.getAndIncrement();
          int status;
          synchronized (answers) {
            status = answers.isEmpty() ? 200 : answers.get(Math.min(n, answers.size() - 1));
          }
          byte[] b = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void answer(Integer... statuses) {
    synchronized (answers) {
      answers.addAll(List.of(statuses));
    }
  }

  Isolation block() {
    Isolation p =
        Isolation.pending(
            "iso-1",
            Target.Source.parse("2001:db8:5::77"),
            Reason.ISOLATE,
            "SCAN/CRITICAL",
            "alert-9",
            clock.instant(),
            Duration.ofMinutes(10),
            Isolation.AUTO,
            false);
    return p.activate(clock.instant(), Isolation.AUTO, false);
  }

  WebhookActuator hook(WebhookConfig cfg) {
    return new WebhookActuator(cfg.withRetries(cfg.retries(), Duration.ofMillis(20)), clock);
  }

  @Test
  void postsTheIsolationAsJsonWithABearerTokenAndAnHmacSignature() throws Exception {
    WebhookActuator w = hook(WebhookConfig.of(url).withBearer("s3cret").withHmac("k3y"));
    w.apply(block());
    Call c = calls.remove();
    JsonNode j = new ObjectMapper().readTree(c.body());
    assertThat(j.get("action").asText()).isEqualTo("isolate");
    assertThat(j.get("id").asText()).isEqualTo("iso-1");
    assertThat(j.get("kind").asText()).isEqualTo("SOURCE_BLOCK");
    assertThat(j.at("/target/type").asText()).isEqualTo("source");
    assertThat(j.at("/target/prefix").asText()).isEqualTo("2001:db8:5::/64");
    assertThat(j.get("reason").asText()).isEqualTo("ISOLATE");
    assertThat(j.get("alert").asText()).isEqualTo("alert-9");
    assertThat(j.get("expires").asText()).isEqualTo("2026-11-24T12:10:00Z");
    assertThat(j.get("dryRun").asBoolean()).isFalse();
    assertThat(c.headers().get("Authorization")).containsExactly("Bearer s3cret");
    assertThat(c.headers().get("Content-type")).containsExactly("application/json");
    assertThat(c.headers().get("Idempotency-key")).containsExactly("iso-1:isolate");
    String ts = c.headers().get("X-vigie-timestamp").get(0);
    assertThat(ts).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(c.headers().get("X-vigie-signature"))
        .containsExactly("sha256=" + WebhookActuator.hmac("k3y", ts + "." + c.body()));

    w.revoke(block());
    assertThat(new ObjectMapper().readTree(calls.remove().body()).get("action").asText())
        .isEqualTo("release");
  }

  @Test
  void retriesOnServerErrorsWithBackoffThenSucceeds() throws Exception {
    answer(500, 503, 200);
    hook(WebhookConfig.of(url)).apply(block());
    assertThat(calls).hasSize(3);
    assertThat(calls).extracting(Call::body).containsOnly(calls.peek().body());
  }

  @Test
  void aFailedCallIsAFailedActionNamingTheStatus() {
    answer(500);
    WebhookActuator w = hook(WebhookConfig.of(url).withRetries(2, Duration.ofMillis(20)));
    assertThatThrownBy(() -> w.apply(block()))
        .isInstanceOf(ActuationException.class)
        .hasMessageContaining("failed: HTTP 500 {\"status\":500}");
    assertThat(calls).as("1 attempt + 2 retries").hasSize(3);
  }

  @Test
  void aClientErrorIsNotRetried() {
    answer(403);
    assertThatThrownBy(() -> hook(WebhookConfig.of(url)).apply(block()))
        .hasMessageContaining("HTTP 403");
    assertThat(calls).hasSize(1);
  }

  @Test
  void anUnreachableEndpointFailsAfterItsRetries() {
    server.stop(0);
    WebhookActuator w =
        hook(
            WebhookConfig.of(url).withRetries(1, Duration.ZERO).withTimeout(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> w.apply(block()))
        .isInstanceOf(ActuationException.class)
        .hasMessageContaining("ConnectException");
  }

  @Test
  void theServiceRecordsAMachineIsolationOnlyWhenTheHypervisorAccepted() {
    ContainmentConfig cfg =
        ContainmentConfig.defaults()
            .withMachines(
                List.of(
                    new MachinePolicy(
                        "pbx-auto", List.of(Cidr.parse("10.0.2.15")), Mode.AUTO, null)));
    WebhookActuator hypervisor =
        hook(
            WebhookConfig.of(url)
                .withKinds(EnumSet.of(IsolationKind.MACHINE_ISOLATION))
                .withRetries(1, Duration.ZERO));
    InMemoryIsolationLedger ledger = new InMemoryIsolationLedger();
    ContainmentService s =
        new ContainmentService(cfg, ledger, new InMemoryAuditTrail(), List.of(hypervisor), clock);

    answer(500);
    Outcome failed =
        s.onAlert(Alerts.of(AlertKind.MACHINE_TRAFFIC, Severity.CRITICAL, null, "pbx-auto"));
    assertThat(failed.reason()).isEqualTo(Reason.ACTUATOR_FAILED);
    assertThat(failed.isolation().state()).isEqualTo(IsolationState.FAILED);
    assertThat(s.active()).isEmpty();

    synchronized (answers) {
      answers.clear();
    }
    Outcome ok =
        s.onAlert(Alerts.of(AlertKind.MACHINE_TRAFFIC, Severity.CRITICAL, null, "pbx-auto"));
    assertThat(ok.reason()).isEqualTo(Reason.ISOLATE);
    assertThat(s.active()).containsExactly(ok.isolation());
    int before = calls.size();
    Outcome src = s.onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7", null));
    assertThat(src.reason())
        .as("nothing can block a source here")
        .isEqualTo(Reason.ACTUATOR_FAILED);
    assertThat(src.detail()).isEqualTo("no actuator handles SOURCE_BLOCK");
    assertThat(calls).as("source blocks are not this webhook's business").hasSize(before);
    assertThat(s.reconcile().inForce()).as("trusted: nothing re-sent").isEqualTo(1);
    assertThat(calls).hasSize(before);
  }
}
