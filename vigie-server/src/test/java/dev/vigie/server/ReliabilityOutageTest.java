package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.cli.Cli;
import dev.vigie.server.live.Live;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL outage stays contained: a real PostgreSQL is stopped under a running server (the way
 * a crashed database host looks) and started again. While it is down, {@code /healthz} and {@code
 * /metrics} answer at once (the former 503 naming the database), an API write gets a 503 with a
 * clear message within the pool's 2 s timeout instead of a 500 after 30 s, an alert raised by live
 * HEP traffic is spooled on disk and containment records its decision in its journal; once the
 * database is back, both are stored.
 */
class ReliabilityOutageTest {
  @TempDir Path dir;

  @Test
  void aDatabaseOutageStaysContained() throws Exception {
    try (PostgresServer pg = PostgresServer.start()) {
      String yaml =
          Live.inventoryYaml()
              + "\ndatabase:\n  url: \""
              + pg.jdbcUrl()
              + "\"\n  user: vigie\n  connectionTimeout: 2s\nserver:\n  dryRun: true\n";
      try (ServerFixture s = ServerFixture.start(dir, yaml)) {
        Http http = s.http();
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        // Prometheus scrapes with its token before the outage, as it does every 15 s
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);

        pg.crash();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> http.get("/healthz").statusCode() == 503);
        long t = System.nanoTime();
        HttpResponse<String> health = http.get("/healthz");
        long healthMs = ms(t);
        JsonNode h = Json.mapper().readTree(health.body());
        assertThat(h.path("reasons").path("database").asText()).startsWith("unreachable");
        assertThat(healthMs).as("/healthz during the outage, ms").isLessThan(1500);

        // the best of three scrapes: one touching the database waits the pool's 2 s every time,
        // while the machine's load (eight sessions on two cores) may delay any single one
        HttpResponse<String> metrics = null;
        long metricsMs = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          t = System.nanoTime();
          metrics = http.get("/metrics");
          metricsMs = Math.min(metricsMs, ms(t));
        }
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("vigie_ingest_received_total")
            .contains("vigie_containment_active");
        assertThat(metricsMs).as("/metrics during the outage, ms").isLessThan(1500);

        t = System.nanoTime();
        HttpResponse<String> write =
            http.post(
                "/api/v1/incidents",
                """
                {"title": "Panne", "startedAt": "2024-09-23T05:40:00Z", "services": ["x"],
                 "clientImpact": "aucun", "cause": "inconnue", "severity": "MAJOR"}\
                """);
        long writeMs = ms(t);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(write.body()).contains("database unavailable");
        assertThat(write.headers().firstValue("Retry-After")).isPresent();
        assertThat(writeMs).as("POST /incidents during the outage, ms").isLessThan(6000);

        // live traffic raises an ENUMERATION alert while the database is down
        Cli r =
            Cli.run(
                "replay",
                Live.repo().resolve("testdata/captures/svwar.sip.pcap").toString(),
                "--to",
                "127.0.0.1:" + s.hepPort(),
                "--rate",
                "0");
        assertThat(r.exit()).as(r.err()).isZero();
        Path spool = s.dir().resolve("data/spool");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                lines(spool.resolve("alerts.jsonl")) > 0
                    && lines(spool.resolve("isolations.jsonl")) > 0);
        assertThat(Files.readString(spool.resolve("isolations.jsonl"))).contains("127.0.0.66");

        Instant back = Instant.now();
        pg.restart();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> http.get("/healthz").statusCode() == 200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                Live.alerts(http).stream()
                    .anyMatch(a ->
                        a.path("kind").asText().equals("ENUMERATION")
                            && a.path("source").asText().equals("127.0.0.66")));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> http.get("/api/v1/isolations?state=all").body().contains("127.0.0.66"));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                lines(spool.resolve("alerts.jsonl")) == 0
                    && lines(spool.resolve("isolations.jsonl")) == 0
                    && lines(spool.resolve("containment-audit.jsonl")) == 0);
        System.out.printf(
            "outage: /healthz %d ms, /metrics %d ms, POST /incidents 503 in %d ms; spooled alert"
                + " and isolation stored %d ms after PostgreSQL came back%n",
            healthMs, metricsMs, writeMs, Duration.between(back, Instant.now()).toMillis());
      }
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long lines(Path f) throws java.io.IOException {
    if (!Files.exists(f)) return 0;
    return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
  }
}
