package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.detect.pressure.PressureEpisodes;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.server.Http;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.ServeProcess;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Prometheus poller per shared database (the pressure lease): two whole {@code vigie serve}
 * instances on one real PostgreSQL (the documented respond standby: a {@code respond} role runs the
 * same {@code VigieServer} stages, so Kafka adds nothing here) and the shared real {@link
 * RealPrometheus}. One machine over its threshold: one process polls (the other has queried
 * nothing), one episode, one incident. The holder's lease session is killed on the server (as when
 * its process dies), then the holder is stopped: the other takes over within a round or two and
 * continues the same episode id, and closes it when the value drops. Then the holder is a {@code
 * vigie serve} process of its own killed with SIGKILL: the in-process standby takes over at its
 * next round and continues, then closes, that process's episode.
 */
class PressureLeaseTest {
  private static final String METRIC = "vigie_test_lease_disk_writes";
  private static final String KILL_METRIC = "vigie_test_lease_kill_disk_writes";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Take-over bound with {@code interval: 1s}: the next round of the standby, plus slack. */
  private static final Duration TAKE_OVER = Duration.ofSeconds(8);

  /** Longest wait for PostgreSQL to end a session whose connection closed (ms in practice). */
  private static final Duration SESSION_END = Duration.ofSeconds(5);

  private static PostgresServer pg;
  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) pg.close();
  }

  @Test
  void oneAdvisoryLeaseAtATimeAndAKilledSessionHandsItOver() throws Exception {
    Duration t = Duration.ofSeconds(3);
    try (PressureLease a = PressureLease.of(pg.jdbcUrl(), pg.user(), null, t, t);
        PressureLease b = PressureLease.of(pg.jdbcUrl(), pg.user(), null, t, t)) {
      // a session ends a moment after its connection closes: the sessions of another test may
      // still hold the lock for some milliseconds
      await().atMost(SESSION_END).until(a::held);
      assertThat(a.held()).as("asked again: still held").isTrue();
      assertThat(b.held()).isFalse();
      assertThat(terminateLeaseSessions(2)).isEqualTo(1);
      assertThat(a.held()).as("its session is gone: lease lost").isFalse();
      await().atMost(SESSION_END).until(b::held);
      assertThat(a.held()).isFalse();
      b.close();
      assertThat(b.held()).as("closed").isFalse();
      await("released at close").atMost(SESSION_END).until(a::held);
    }
    assertThat(PressureLease.of("jdbc:h2:mem:x", "", "", t, t).held()).isTrue();
  }

  @Test
  void aLeaseThatCannotReachTheDatabaseIsAHealthReasonAndNothingIsQueried() throws Exception {
    int closed;
    try (var s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    RealPrometheus prom = RealPrometheus.shared();
    var check =
        new PlatformPressureCheck(
            new PrometheusClient(prom.url(), Duration.ofSeconds(2)),
            Map.of(
                "pbx-nolease",
                List.of(new PressureMetric("diskWriteBytes", "max(" + METRIC + ")", 1000, 0.8))),
            java.time.InstantSource.system());
    var resumed = new java.util.concurrent.atomic.AtomicInteger();
    try (PressureLease lease =
            PressureLease.of(
                "jdbc:postgresql://127.0.0.1:" + closed + "/vigie",
                "vigie",
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        PressurePoller poller =
            new PressurePoller(
                check,
                new PressureEpisodes(dev.vigie.detect.AlertListener.NONE),
                Duration.ofSeconds(1),
                java.time.InstantSource.system(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                lease,
                resumed::incrementAndGet)) {
      poller.round();
      assertThat(poller.active()).isFalse();
      assertThat(lease.problem()).isNotNull();
      assertThat(poller.problem())
          .startsWith("pressure lease: database session unusable (")
          .endsWith("this process can neither poll Prometheus nor take the polling over");
      assertThat(poller.latest("pbx-nolease")).as("nothing queried").isNull();
      assertThat(resumed).hasValue(0);
    }
  }

  @Test
  void oneProcessPollsAndTheOtherContinuesItsEpisodeWhenItGoes() throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(METRIC, "pbx-lease", 1500);
    String yaml = yaml(prom, "pbx-lease", METRIC);
    ServerFixture one = ServerFixture.start(dir.resolve("one"), yaml);
    ServerFixture two = null;
    try {
      two = ServerFixture.start(dir.resolve("two"), yaml);
      Http http = two.http(); // same database: either API shows the same alerts
      await().atMost(WAIT).until(() -> alerts(http).size() == 1);
      ServerFixture[] both = {one, two};
      await().atMost(WAIT).until(() -> activeCount(both) == 1);
      ServerFixture holder = active(one) ? one : two;
      ServerFixture standby = holder == one ? two : one;
      String id = alerts(http).getFirst().path("id").asText();
      long incident = await().atMost(WAIT).until(() -> incident(http), i -> i > 0);

      // a few more rounds: the standby queries nothing, still one episode
      PressurePoller standbyPoller = standby.server().platformPressurePoller();
      PressurePoller holderPoller = holder.server().platformPressurePoller();
      Thread.sleep(3000); // 3 rounds of 1 s: lets a second poller show itself if there were one
      assertThat(standbyPoller.latest("pbx-lease")).as("the standby queried nothing").isNull();
      assertThat(gauge(standby, "vigie_pressure_poller_active")).isEqualTo(0);
      assertThat(gauge(holder, "vigie_pressure_poller_active")).isEqualTo(1);
      // the standby says nothing about Prometheus (no "Prometheus down" alert for every standby)
      assertThat(gauge(standby, "vigie_prometheus_up")).isNaN();
      assertThat(gauge(holder, "vigie_prometheus_up")).isEqualTo(1);
      assertThat(holderPoller.latest("pbx-lease")).isNotNull();
      assertThat(alerts(http)).hasSize(1);
      List<String> refs = PressureApi.alertRefs(http, incident);
      assertThat(refs).allMatch(r -> r.startsWith("alert:" + id)).isNotEmpty();

      // the holder's database session dies (as with kill -9 of its process): one process holds
      // the lease again within the bound, whichever, and the episode is still the same one
      assertThat(terminateLeaseSessions(2)).isEqualTo(1);
      await().atMost(TAKE_OVER).until(() -> !holderPoller.active() || standbyPoller.active());
      await().atMost(TAKE_OVER).until(() -> activeCount(both) == 1);
      Thread.sleep(2000);
      assertThat(alerts(http)).as("no second episode after the lease moved").hasSize(1);
      ServerFixture nowHolder = active(one) ? one : two;
      assertThat(nowHolder.server().platformPressurePoller().episodes().openAlert("pbx-lease").id())
          .isEqualTo(id);

      // the holder stops: the other takes over within the bound and continues the episode
      ServerFixture survivor = nowHolder == one ? two : one;
      nowHolder.close();
      if (nowHolder == one) one = null;
      else two = null;
      long t0 = System.nanoTime();
      PressurePoller p = survivor.server().platformPressurePoller();
      await().atMost(TAKE_OVER).until(p::active);
      System.out.printf(
          "pressure lease taken over %d ms after the holder stopped (interval 1 s)%n",
          (System.nanoTime() - t0) / 1_000_000);
      await().atMost(TAKE_OVER).until(() -> p.latest("pbx-lease") != null);
      assertThat(p.episodes().openAlert("pbx-lease").id()).isEqualTo(id);
      Http alive = survivor.http();
      assertThat(alerts(alive)).hasSize(1);
      assertThat(PressureApi.alertRefs(alive, incident))
          .as("no alert row added by the take-over")
          .isEqualTo(refs);

      // the value drops: the survivor closes the same episode, in the same incident
      prom.set(METRIC, "pbx-lease", 100);
      await()
          .atMost(WAIT)
          .until(() -> alerts(alive).getFirst().path("evidence").has("recoveredAt"));
      assertThat(alerts(alive)).hasSize(1);
      assertThat(alerts(alive).getFirst().path("id").asText()).isEqualTo(id);
      await()
          .atMost(WAIT)
          .until(() ->
              PressureApi.rows(alive, incident).stream()
                  .anyMatch(d -> d.startsWith("pbx-lease repassé sous ses seuils")));
    } finally {
      if (two != null) two.close();
      if (one != null) one.close();
    }
  }

  @Test
  void aHolderKilledWithSigkillIsTakenOverAtTheNextRound() throws Exception {
    RealPrometheus prom = RealPrometheus.shared();
    prom.set(KILL_METRIC, "pbx-kill", 1500);
    String yaml = yaml(prom, "pbx-kill", KILL_METRIC);
    Path cfg = dir.resolve("vigie.yaml");
    Files.writeString(cfg, yaml);
    ServeProcess child =
        ServeProcess.start(
            cfg,
            dir.resolve("child"),
            dir.resolve("child.log"),
            Map.of("VIGIE_API_TOKEN", ServerFixture.TOKEN));
    try {
      Http childHttp = new Http("http://127.0.0.1:" + child.port(), ServerFixture.TOKEN);
      await().atMost(WAIT).until(() -> activeGauge(childHttp) == 1);
      await().atMost(WAIT).until(() -> PressureApi.alerts(childHttp, "pbx-kill").size() == 1);
      String id = PressureApi.alerts(childHttp, "pbx-kill").getFirst().path("id").asText();
      long incident =
          await().atMost(WAIT).until(() -> PressureApi.incident(childHttp, "pbx-kill"), i -> i > 0);
      List<String> refs = PressureApi.alertRefs(childHttp, incident);

      try (ServerFixture standby = ServerFixture.start(dir.resolve("standby"), yaml)) {
        PressurePoller p = standby.server().platformPressurePoller();
        Thread.sleep(2000); // two rounds of the standby
        assertThat(p.active()).isFalse();
        assertThat(p.latest("pbx-kill")).as("the standby queried nothing").isNull();
        assertThat(activeGauge(childHttp)).isEqualTo(1);

        child.kill(); // SIGKILL: PostgreSQL ends its sessions, the advisory lock with them
        long t0 = System.nanoTime();
        await().atMost(TAKE_OVER).until(p::active);
        System.out.printf(
            "pressure lease taken over %d ms after SIGKILL of the holder (interval 1 s)%n",
            (System.nanoTime() - t0) / 1_000_000);
        await().atMost(TAKE_OVER).until(() -> p.latest("pbx-kill") != null);
        assertThat(p.episodes().openAlert("pbx-kill").id()).isEqualTo(id);
        Http http = standby.http();
        assertThat(PressureApi.alerts(http, "pbx-kill")).hasSize(1);
        assertThat(PressureApi.alertRefs(http, incident)).isEqualTo(refs);

        prom.set(KILL_METRIC, "pbx-kill", 100);
        await()
            .atMost(WAIT)
            .until(() ->
                PressureApi.alerts(http, "pbx-kill")
                    .getFirst()
                    .path("evidence")
                    .has("recoveredAt"));
        assertThat(PressureApi.alerts(http, "pbx-kill")).hasSize(1);
        assertThat(PressureApi.alerts(http, "pbx-kill").getFirst().path("id").asText())
            .isEqualTo(id);
      }
    } finally {
      if (child.process().isAlive()) child.kill();
    }
  }

  private static String yaml(RealPrometheus prom, String machine, String metric) {
    return """
    database: {url: "%s", user: %s}
    prometheus: {url: %s, interval: 1s, timeout: 900ms}
    machines:
      - id: %s
        addresses: [127.0.0.40]
        role: pbx
        pressure:
          diskWriteBytes: {query: 'max(%s{machine="{machine}"})', threshold: 1000}
    """
        .formatted(pg.jdbcUrl(), pg.user(), prom.url(), machine, metric);
  }

  /** {@code vigie_pressure_poller_active} as the process's {@code GET /metrics} says it. */
  private static double activeGauge(Http http) {
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith("vigie_pressure_poller_active ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip());
      }
    }
    return -1;
  }

  private static boolean active(ServerFixture f) {
    return f.server().platformPressurePoller().active();
  }

  private static int activeCount(ServerFixture[] fs) {
    int n = 0;
    for (ServerFixture f : fs) {
      if (active(f)) n++;
      if (gauge(f, "vigie_pressure_poller_active") != (active(f) ? 1 : 0)) return -1;
    }
    return n;
  }

  private static double gauge(ServerFixture f, String name) {
    return f.server().metrics().get(name).gauge().value();
  }

  /**
   * Ends the PostgreSQL sessions that hold the pressure lease's advisory lock (as PostgreSQL does
   * when the holder's process dies); returns how many.
   */
  private static int terminateLeaseSessions(int expectedSessions) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
      assertThat(leaseSessions(c)).as("one lease session per process").isEqualTo(expectedSessions);
      try (var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid))"
                      + " FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                      + " AND ((l.classid::bigint << 32) | l.objid::bigint) = "
                      + PressureLease.LOCK_KEY)) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int leaseSessions(Connection c) throws SQLException {
    try (var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'vigie pressure lease'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<JsonNode> alerts(Http http) {
    return PressureApi.alerts(http, "pbx-lease");
  }

  private static long incident(Http http) {
    return PressureApi.incident(http, "pbx-lease");
  }
}
