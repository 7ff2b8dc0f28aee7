package dev.vigie.server.contain;

import static dev.vigie.server.contain.ContainmentEndToEndTest.alertOf;
import static dev.vigie.server.contain.ContainmentEndToEndTest.awaitIsolation;
import static dev.vigie.server.contain.ContainmentEndToEndTest.awaitPing;
import static dev.vigie.server.contain.ContainmentEndToEndTest.callStats;
import static dev.vigie.server.contain.ContainmentEndToEndTest.isolations;
import static dev.vigie.server.contain.ContainmentEndToEndTest.repo;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's end-to-end test, with the harness of {@link ContainmentEndToEndTest} (Kamailio in
 * {@code core}, HEP relayed to Vigie, nftables in {@code core}): a SIPp phone in {@code ue}
 * (10.99.2.2) registers with its digest and calls the whole time; the attacker in {@code atk} sends
 * scanner probes forged from the phone's address (an enumeration with SIPVicious' User-Agent, bound
 * to 10.99.2.2 in its own namespace: the answers go to the phone, never to the attacker), then runs
 * a real svwar from its own address 10.99.1.2. The phone is never blocked and completes 60/60
 * calls; the svwar is blocked automatically within 2 s of its first packet, as a proven source (it
 * ACKs the answers).
 */
class SecurityTrustEndToEndTest {
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

  @Test
  void spoofedProbesNeverBlockTheRegisteredPhoneAndTheRealSvwarIsStillCutOff() throws Exception {
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
    // the attacker can send packets claiming the phone's address (no reverse-path filter)
    Netns.sh("ip", "-n", atk, "addr", "add", "10.99.2.2/32", "dev", "a-core");
    Netns.sh("ip", "-n", atk, "addr", "add", "10.99.1.3/24", "dev", "a-core"); // pings
    for (String k : List.of("all", "default", "c-atk")) {
      Netns.exec(core, "sysctl", "-qw", "net.ipv4.conf." + k + ".rp_filter=0");
    }

    ServerFixture vigie =
        keep(
            ServerFixture.start(
                dir.resolve("vigie"),
                """
                machines:
                  - {id: kamailio, addresses: [10.99.1.1, 10.99.2.1], client: acme, role: proxy}
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
    awaitPing(atk, "10.99.1.3", "SIP/2.0 200", 15); // not from the attacker's address
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

    // the phone registers with its digest (three times), then calls the whole time
    Path users =
        Files.writeString(
            dir.resolve("users.csv"),
            "SEQUENTIAL\n1002;[authentication username=1002 password=Lab-1002-pw]\n");
    Proc register =
        Proc.start(
            dir,
            "register",
            Proc.in(
                ue,
                "timeout",
                "20",
                "sipp",
                "10.99.2.1:5060",
                "-sf",
                repo.resolve("lab/sipp/register.xml").toString(),
                "-inf",
                users.toString(),
                "-key",
                "ua",
                "Yealink SIP-T46S 66.85.0.5",
                "-i",
                "10.99.2.2",
                "-p",
                "5061",
                "-m",
                "3",
                "-nostdin"));
    assertThat(register.await(20)).as("registered").isTrue();
    assertThat(callStats(register.output())[0]).as(register.output()).isEqualTo(3);
    JsonNode good = awaitKnownGood(http, "10.99.2.2", 10);
    assertThat(good.path("client").asText()).isEqualTo("acme");

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
    Thread.sleep(2000); // the phone is calling before the attack starts

    // spoofed scanner probes claiming the phone's address, sent from the attacker's namespace
    // (the answers go to the phone, the attacker never sees them): 300 INVITEs to 300 extensions
    // with SIPVicious' User-Agent, 4 ms apart
    Proc forged =
        Proc.start(
            dir,
            "forged",
            Proc.in(
                atk,
                "timeout",
                "20",
                "python3",
                res.resolve("forged_probes.py").toString(),
                "10.99.2.2",
                "10.99.1.1",
                "300",
                "4"));
    assertThat(forged.await(20)).isTrue();
    assertThat(forged.output()).contains("SENT 300");
    Thread.sleep(1500); // detection and containment have had time to decide about them
    for (JsonNode a : Json.mapper().readTree(http.get("/api/v1/alerts").body()).get("alerts")) {
      System.out.printf(
          "TRUST E2E: alert %s %s %s proof %s%n",
          a.path("kind").asText(),
          a.path("severity").asText(),
          a.path("source").asText(),
          a.path("evidence").path("proof").asText());
    }

    // the real svwar, from the attacker's own address (it reads the 404s and ACKs them)
    Instant launched = Instant.now();
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
                "INVITE",
                "10.99.1.1")));
    JsonNode iso = awaitIsolation(http, "10.99.1.2", 10);
    JsonNode alert = alertOf(http, "10.99.1.2");
    Instant firstPacket = Instant.parse(alert.get("firstSeen").asText());
    Duration cutOff = Duration.between(firstPacket, Instant.parse(iso.get("activated").asText()));
    System.out.printf(
        "TRUST E2E: %s %s proof %s, blocked %d ms after its first packet (launched %s), reason %s%n",
        alert.get("kind").asText(),
        alert.get("severity").asText(),
        alert.path("evidence").path("proof").asText(),
        cutOff.toMillis(),
        launched,
        iso.path("reason").asText());
    assertThat(iso.get("actor").asText()).isEqualTo("auto");
    assertThat(iso.path("reason").asText()).isEqualTo("ISOLATE_PROVEN");
    assertThat(cutOff).isLessThan(Duration.ofSeconds(2));

    assertThat(phone.await(60)).as("phone finished").isTrue();
    int[] stats = callStats(phone.output());
    System.out.printf(
        "TRUST E2E: phone %d successful, %d failed of %d%n", stats[0], stats[1], calls);
    assertThat(stats[0]).as(phone.output()).isEqualTo(calls);
    assertThat(stats[1]).isZero();
    // the phone's address was never blocked; what the forged probes caused waits for an operator
    List<JsonNode> phoneEntries = new ArrayList<>();
    for (JsonNode i : isolations(http, "all")) {
      if ("10.99.2.2".equals(i.path("target").path("prefix").asText())) phoneEntries.add(i);
    }
    System.out.printf("TRUST E2E: entries about the phone's address: %s%n", phoneEntries);
    assertThat(phoneEntries).isNotEmpty();
    for (JsonNode i : phoneEntries) {
      assertThat(i.path("state").asText()).isEqualTo("PENDING_APPROVAL");
      assertThat(i.path("activated").isNull() || i.path("activated").isMissingNode()).isTrue();
      assertThat(i.path("reason").asText()).isEqualTo("KNOWN_GOOD");
    }
    assertThat(ContainmentEndToEndTest.ping(ue, "10.99.2.2")).startsWith("SIP/2.0 200");
  }

  static JsonNode awaitKnownGood(Http http, String address, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    String last = "";
    while (System.nanoTime() < end) {
      last = http.get("/api/v1/known-good").body();
      for (JsonNode k : Json.mapper().readTree(last).get("knownGood")) {
        if (address.equals(k.path("address").asText())) return k;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(address + " not known-good within " + seconds + " s: " + last);
  }
}
