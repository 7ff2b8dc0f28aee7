package dev.vigie.contain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.actuator.InForce;
import dev.vigie.contain.ledger.FileIsolationLedger;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.nft.NftConfig;
import dev.vigie.contain.nft.NftablesActuator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM ({@link CrashDriver}) contains, is killed with SIGKILL, and a new
 * service over the same ledger file and the same kernel table reconciles.
 */
class KillNineTest {

  static Netns lab;
  static String ns;

  @BeforeAll
  static void namespace() {
    lab = new Netns();
    ns = lab.add("kill");
  }

  @AfterAll
  static void teardown() {
    lab.close();
  }

  @Test
  void afterKillNineTheNewProcessRepeatsNothingAndKeepsExpiries(@TempDir Path dir)
      throws Exception {
    Path ledgerFile = dir.resolve("isolations.jsonl");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashDriver.class.getName(),
                ledgerFile.toString(),
                ns)
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = r.readLine();
      assertThat(line).as("the child's first line").isEqualTo("APPLIED 3");
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(137);
    NftablesActuator nft =
        new NftablesActuator(NftConfig.defaults().inNamespace(ns), InstantSource.system());
    Map<String, InForce> before = byPrefix(nft.inForce().orElseThrow());
    assertThat(before).containsOnlyKeys("198.51.100.7", "198.51.100.8", "10.0.1.15");
    Thread.sleep(2200); // the 2 s block runs out while nobody runs

    try (FileIsolationLedger ledger = new FileIsolationLedger(ledgerFile)) {
      assertThat(ledger.inState(IsolationState.ACTIVE)).hasSize(3);
      InMemoryAuditTrail audit = new InMemoryAuditTrail();
      ContainmentService s =
          new ContainmentService(
              CrashDriver.config(), ledger, audit, List.of(nft), InstantSource.system());
      ReconcileReport report = s.reconcile();
      System.out.println("reconcile after kill -9: " + report);
      assertThat(report).isEqualTo(new ReconcileReport(2, 0, 1, 0, List.of()));
      Map<String, InForce> after = byPrefix(nft.inForce().orElseThrow());
      assertThat(after).containsOnlyKeys("198.51.100.7", "10.0.1.15");
      Isolation scan =
          ledger.inState(IsolationState.ACTIVE).stream()
              .filter(i -> i.target().toString().equals("198.51.100.7"))
              .findFirst()
              .orElseThrow();
      assertThat(after.get("198.51.100.7").remaining())
          .as("the kernel's expiry agrees with the ledger's")
          .isCloseTo(Duration.between(Instant.now(), scan.expires()), Duration.ofSeconds(2))
          .isLessThanOrEqualTo(before.get("198.51.100.7").remaining());
    }
    try (FileIsolationLedger reopened = new FileIsolationLedger(ledgerFile)) {
      assertThat(reopened.inState(IsolationState.EXPIRED)).hasSize(1);
      assertThat(Files.readAllLines(ledgerFile)).as("compacted: one line per entry").hasSize(3);
    }
  }

  static Map<String, InForce> byPrefix(List<InForce> l) {
    return l.stream().collect(Collectors.toMap(f -> f.prefix().toString(), Function.identity()));
  }
}
