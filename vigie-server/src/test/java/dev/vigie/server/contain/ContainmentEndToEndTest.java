package dev.vigie.server.contain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.contain.Netns;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain for real, in namespaces the test creates: Kamailio runs in {@code core}
 * (listening on 10.99.1.1 towards {@code atk} and 10.99.2.1 towards {@code ue}) and mirrors every
 * SIP message as HEP to 127.0.0.1:9060 inside {@code core}, where a relay hands it to Vigie's HEP
 * port on the host's loopback. Vigie drives table {@code inet vigie} of {@code core}. A SIPp phone
 * in {@code ue} calls a SIPp gateway through Kamailio the whole time; SIPVicious svwar (through
 * lab/tools/svbind.py, never -A/-R; INVITE method, so that it ACKs the answers and proves its
 * address) attacks from {@code atk}. Vigie must cut the attacker off within 2 s of its first
 * packet, automatically (default policy: SCAN is auto, the source is proven), the phone's calls
 * must all succeed, a release restores the attacker and a short block lifts by itself.
 */
class ContainmentEndToEndTest {
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void cleanup() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // best effort: every resource is still tried
      }
    }
  }

  private <T extends AutoCloseable> T keep(T t) {
    open.add(t);
    return t;
  }

  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("lab/kamailio.cfg"))) p = p.getParent();
    if (p == null)
      throw new IllegalStateException("lab/kamailio.cfg not found above " + Path.of(""));
    return p;
  }

  @Test
  void attackerIsCutOffPhoneKeepsCallingReleaseAndExpiryRestore() throws Exception {
    Path repo = repo();
    Path res = Path.of("src/test/resources/contain").toAbsolutePath();
    Netns netns = keep(new Netns());
    String core = netns.add("core");
    String atk = netns.add("atk");
    String ue = netns.add("ue");
    netns.link(
        core, "c-atk", "10.99.1.1", "fd00:99:1::1", atk, "a-core", "10.99.1.2", "fd00:99:1::2");
    netns.link(
        core, "c-ue", "10.99.2.1", "fd00:99:2::1", ue, "u-core", "10.99.2.2", "fd00:99:2::2");
    Netns.sh("ip", "-n", atk, "addr", "add", "10.99.1.3/24", "dev", "a-core");

    ServerFixture vigie =
        keep(
            ServerFixture.start(
                dir.resolve("vigie"),
                """
                server: {hep: {agents: [127.0.0.1]}}
                containment:
                  nftables: {enabled: true, netns: %s}
                """
                    .formatted(core)));
    Http http = vigie.http();
    Proc relay =
        keep(
            Proc.start(
                dir,
                "relay",
                List.of(
                    "python3",
                    res.resolve("hep_relay.py").toString(),
                    core,
                    "9060",
                    Integer.toString(vigie.hepPort()),
                    "90")));
    relay.awaitOutput("READY", 10);

    Path run = Files.createDirectories(dir.resolve("kamailio"));
    Proc kamailio =
        keep(
            Proc.start(
                dir,
                "kamailio",
                Proc.in(
                    core,
                    "kamailio",
                    "-f",
                    repo.resolve("lab/kamailio.cfg").toString(),
                    "-DD",
                    "-E",
                    "-Y",
                    run.toString(),
                    "-m",
                    "64",
                    "-M",
                    "8",
                    "-A",
                    "NO_PIKE",
                    "-A",
                    "NS_LAB",
                    "-A",
                    "CTL_SOCK=\"unix:" + run.resolve("ctl") + "\"",
                    "-A",
                    "HEP_DST=\"sip:127.0.0.1:9060\"")));
    awaitPing(atk, "10.99.1.3", "SIP/2.0 200", 15); // Kamailio answers
    Proc gateway =
        keep(
            Proc.start(
                dir,
                "gateway",
                Proc.in(
                    core,
                    "timeout",
                    "90",
                    "sipp",
                    "-sf",
                    repo.resolve("lab/sipp/gateway.xml").toString(),
                    "-i",
                    "127.0.0.10",
                    "-p",
                    "5060",
                    "-nostdin")));
    Path numbers = Files.writeString(dir.resolve("numbers.csv"), "SEQUENTIAL\n2000\n");
    int calls = 60;
    Proc phone =
        keep(
            Proc.start(
                dir,
                "phone",
                Proc.in(
                    ue,
                    "timeout",
                    "60",
                    "sipp",
                    "10.99.2.1:5060",
                    "-sf",
                    repo.resolve("lab/sipp/call.xml").toString(),
                    "-inf",
                    numbers.toString(),
                    "-key",
                    "caller",
                    "1002",
                    "-key",
                    "ua",
                    "Yealink SIP-T46S 66.85.0.5",
                    "-i",
                    "10.99.2.2",
                    "-p",
                    "5061",
                    "-m",
                    Integer.toString(calls),
                    "-r",
                    "4",
                    "-d",
                    "500",
                    "-l",
                    "20",
                    "-nostdin",
                    "-trace_stat",
                    "-stf",
                    dir.resolve("phone.csv").toString())));
    Thread.sleep(3000); // the phone is calling before the attack starts

    Instant launched = Instant.now();
    Proc attack =
        keep(
            Proc.start(
                dir,
                "svwar",
                Proc.in(
                    atk,
                    "timeout",
                    "20",
                    "python3",
                    repo.resolve("lab/tools/svbind.py").toString(),
                    "10.99.1.2",
                    "svwar",
                    "-e100-999",
                    "-m",
                    "INVITE", // it ACKs each answer: a proven source (a REGISTER scan only asks)
                    "10.99.1.1")));

    Instant firstDrop = awaitFirstDrop(core, 10);
    JsonNode iso = awaitIsolation(http, "10.99.1.2", 10);
    Instant activated = Instant.parse(iso.get("activated").asText());
    JsonNode alert = alertOf(http, "10.99.1.2");
    Instant firstPacket = Instant.parse(alert.get("firstSeen").asText());
    Duration cutOff = Duration.between(firstPacket, activated);
    System.out.printf(
        "E2E: alert %s %s; first attack packet %s (launched %s), blocked %s: %d ms%n",
        alert.get("kind").asText(),
        alert.get("severity").asText(),
        firstPacket,
        launched,
        activated,
        cutOff.toMillis());
    Duration toFirstDrop = Duration.between(firstPacket, firstDrop);
    System.out.printf(
        "E2E: first packet dropped by nft seen %d ms after the first attack packet%n",
        toFirstDrop.toMillis());
    assertThat(iso.get("actor").asText()).isEqualTo("auto");
    assertThat(cutOff).isLessThan(Duration.ofSeconds(2));
    // polled every 50 ms: the kernel's own evidence that the attacker no longer gets through
    assertThat(toFirstDrop).isLessThan(Duration.ofMillis(2050));
    assertThat(firstPacket).isAfterOrEqualTo(launched.minusMillis(50));

    // the attacker's packets are now dropped before Kamailio sees them
    Thread.sleep(1000);
    long dropped = droppedPackets(core);
    assertThat(dropped).as("svwar packets dropped by inet vigie").isPositive();
    assertThat(ping(atk, "10.99.1.2")).isEqualTo("TIMEOUT");

    assertThat(phone.await(60)).as("phone finished").isTrue();
    int[] stats = callStats(phone.output());
    System.out.printf(
        "E2E: phone %d successful, %d failed of %d calls; %d attack packets dropped%n",
        stats[0], stats[1], calls, dropped);
    assertThat(stats[0]).as(phone.output()).isEqualTo(calls);
    assertThat(stats[1]).isZero();
    attack.close();

    // release through the API: the attacker reaches Kamailio again at once
    long t0 = System.nanoTime();
    var r = http.post("/api/v1/isolations/" + iso.get("id").asText() + "/release", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(ping(atk, "10.99.1.2")).startsWith("SIP/2.0 200");
    System.out.printf("E2E: release + first answer %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    // a 3 s block of another attacker address lifts by itself
    r = http.post("/api/v1/isolations", "{\"target\": \"10.99.1.3\", \"duration\": \"3s\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String shortId = Json.mapper().readTree(r.body()).get("isolation").get("id").asText();
    assertThat(ping(atk, "10.99.1.3")).isEqualTo("TIMEOUT");
    awaitPing(atk, "10.99.1.3", "SIP/2.0 200", 10);
    long deadline = System.nanoTime() + 8_000_000_000L;
    String state = "";
    while (System.nanoTime() < deadline && !state.equals("EXPIRED")) {
      Thread.sleep(200);
      state = isolations(http, "EXPIRED").findValuesAsText("id").contains(shortId) ? "EXPIRED" : "";
    }
    assertThat(state).as("ledger says EXPIRED").isEqualTo("EXPIRED");
    assertThat(kamailio.alive()).isTrue();
    assertThat(gateway.alive()).isTrue();
  }

  static String ping(String ns, String src) {
    return Netns.exec(
            ns,
            "python3",
            Path.of("src/test/resources/contain/sip_ping.py").toAbsolutePath().toString(),
            src,
            dst(src),
            "1")
        .strip();
  }

  private static String dst(String src) {
    return src.startsWith("10.99.1.") ? "10.99.1.1" : "10.99.2.1";
  }

  static void awaitPing(String ns, String src, String expected, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    String last = "";
    while (System.nanoTime() < end) {
      last = ping(ns, src);
      if (last.startsWith(expected)) return;
    }
    throw new AssertionError(
        "no '" + expected + "' from " + src + " in " + seconds + " s: " + last);
  }

  /** Polls the drop counter every 50 ms; the instant it was first seen non-zero. */
  static Instant awaitFirstDrop(String ns, int seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      if (droppedPackets(ns) > 0) return Instant.now();
      Thread.sleep(50);
    }
    throw new AssertionError("nothing dropped by inet vigie within " + seconds + " s");
  }

  static JsonNode isolations(Http http, String state) throws Exception {
    return Json.mapper()
        .readTree(http.get("/api/v1/isolations?state=" + state).body())
        .get("isolations");
  }

  static JsonNode awaitIsolation(Http http, String prefix, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      for (JsonNode i : isolations(http, "ACTIVE")) {
        if (prefix.equals(i.path("target").path("prefix").asText())) return i;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no active isolation of " + prefix + " within " + seconds + " s");
  }

  static JsonNode alertOf(Http http, String source) throws Exception {
    JsonNode alerts = Json.mapper().readTree(http.get("/api/v1/alerts").body()).get("alerts");
    JsonNode first = null;
    for (JsonNode a : alerts) {
      if (source.equals(a.path("source").asText())
          && (first == null
              || Instant.parse(a.get("firstSeen").asText())
                  .isBefore(Instant.parse(first.get("firstSeen").asText())))) {
        first = a;
      }
    }
    if (first == null) throw new AssertionError("no alert for " + source + ": " + alerts);
    return first;
  }

  /** Packets counted by the input chain's IPv4 drop rule of {@code inet vigie}. */
  static long droppedPackets(String ns) {
    String out = Netns.exec(ns, "nft", "list", "chain", "inet", "vigie", "input");
    Matcher m = Pattern.compile("@blocked4 counter packets (\\d+)").matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Successful and failed calls from SIPp's final statistics screen. */
  static int[] callStats(String out) {
    return new int[] {last(out, "Successful call"), last(out, "Failed call")};
  }

  private static int last(String out, String label) {
    Matcher m = Pattern.compile(label + "\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)").matcher(out);
    int v = -1;
    while (m.find()) v = Integer.parseInt(m.group(1));
    return v;
  }
}
