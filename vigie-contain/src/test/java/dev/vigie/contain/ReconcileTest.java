package dev.vigie.contain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.actuator.InForce;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.ledger.InMemoryIsolationLedger;
import dev.vigie.contain.nft.NftConfig;
import dev.vigie.contain.nft.NftablesActuator;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service instance "crashes" (is dropped without any shutdown) and a new one starts over the same
 * ledger and the same kernel table, on the real clock since the kernel's timeouts are real.
 */
class ReconcileTest {

  static Netns lab;
  static String ns;
  InMemoryIsolationLedger ledger;
  NftablesActuator nft;
  ContainmentConfig cfg;

  @BeforeAll
  static void namespace() {
    lab = new Netns();
    ns = lab.add("rec");
  }

  @AfterAll
  static void teardown() {
    lab.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    ledger = new InMemoryIsolationLedger();
    nft = new NftablesActuator(NftConfig.defaults().inNamespace(ns), InstantSource.system());
    nft.dropTable();
    Netns.exec(ns, "nft", "add table inet other; delete table inet other");
  }

  ContainmentService start(InMemoryAuditTrail audit) {
    cfg =
        ContainmentConfig.defaults()
            .withMachines(
                List.of(
                    MachinePolicy.askUntilReleased("pbx-acme", List.of(Cidr.parse("10.0.1.15")))));
    return new ContainmentService(cfg, ledger, audit, List.of(nft), InstantSource.system());
  }

  @Test
  void afterACrashNothingIsRepeatedExpiriesAreKeptAndStrayElementsGo() throws Exception {
    ContainmentService before = start(new InMemoryAuditTrail());
    before.reconcile(); // start-up: creates the table
    Isolation scan =
        before
            .onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7", null))
            .isolation();
    Isolation v6 =
        before
            .onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "2001:db8:9::1", null))
            .isolation();
    Isolation shortBlock =
        before.isolateSource("198.51.100.8", Duration.ofSeconds(2), "alice", null).isolation();
    Isolation machine = before.isolateMachine("pbx-acme", null, "alice", null).isolation();
    Isolation pending =
        before
            .onAlert(Alerts.of(AlertKind.BRUTE_FORCE, Severity.WARNING, "198.51.100.9", null))
            .isolation();
    // the crash: applied but not yet recorded, and an element lost (someone flushed it)
    Netns.exec(
        ns, "nft", "add", "element", "inet", "vigie", "blocked4", "{ 198.51.100.66 timeout 10m }");
    Netns.exec(ns, "nft", "delete", "element", "inet", "vigie", "blocked6", "{ 2001:db8:9::/64 }");
    // another table, not Vigie's: must never be touched
    Netns.exec(ns, "nft", "add", "table", "inet", "other");
    Netns.exec(ns, "nft", "add", "set", "inet", "other", "keep", "{ type ipv4_addr; }");
    Netns.exec(ns, "nft", "add", "element", "inet", "other", "keep", "{ 198.51.100.66 }");
    Thread.sleep(2500); // real time: the 2 s block runs out in the kernel while Vigie is down
    Map<String, InForce> kernelBefore = byPrefix(nft.inForce().orElseThrow());
    assertThat(kernelBefore).containsOnlyKeys("198.51.100.7", "10.0.1.15", "198.51.100.66");

    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    ContainmentService after = start(audit);
    ReconcileReport r = after.reconcile();
    System.out.println("reconcile after crash: " + r);

    assertThat(r.failures()).isEmpty();
    assertThat(r.inForce()).as("scan block and machine, not repeated").isEqualTo(2);
    assertThat(r.reapplied()).as("the lost IPv6 /64").isEqualTo(1);
    assertThat(r.expired()).as("the 2 s block").isEqualTo(1);
    assertThat(r.strayRemoved()).as("applied but never recorded").isEqualTo(1);
    assertThat(ledger.find(shortBlock.id()).orElseThrow().state())
        .isEqualTo(IsolationState.EXPIRED);
    assertThat(ledger.find(pending.id()).orElseThrow().state())
        .isEqualTo(IsolationState.PENDING_APPROVAL);

    Map<String, InForce> kernel = byPrefix(nft.inForce().orElseThrow());
    assertThat(kernel).containsOnlyKeys("198.51.100.7", "2001:db8:9::/64", "10.0.1.15");
    assertThat(kernel.get("198.51.100.7").remaining())
        .as("not re-added: the kernel's expiry still counts from the first apply")
        .isLessThanOrEqualTo(kernelBefore.get("198.51.100.7").remaining());
    Duration ledgerLeft = Duration.between(java.time.Instant.now(), scan.expires());
    assertThat(kernel.get("198.51.100.7").remaining().minus(ledgerLeft).abs())
        .isLessThan(Duration.ofSeconds(2));
    Duration v6Left = Duration.between(java.time.Instant.now(), v6.expires());
    assertThat(kernel.get("2001:db8:9::/64").remaining())
        .as("re-applied for its remaining time, not a fresh 10 min")
        .isLessThan(Duration.ofSeconds(598))
        .isCloseTo(v6Left, Duration.ofSeconds(2));
    assertThat(kernel.get("10.0.1.15").remaining()).as("until released").isNull();
    assertThat(kernel.get("10.0.1.15").tag()).isEqualTo(machine.id());
    assertThat(Netns.exec(ns, "nft", "list", "table", "inet", "other")).contains("198.51.100.66");
    assertThat(audit.entries())
        .extracting(AuditEntry::reason)
        .contains(Reason.EXPIRED, Reason.REAPPLIED, Reason.STRAY_REMOVED, Reason.IN_FORCE)
        .doesNotContain(Reason.ISOLATE);

    ReconcileReport again = after.reconcile();
    assertThat(again).isEqualTo(new ReconcileReport(3, 0, 0, 0, List.of()));
  }

  @Test
  void afterARebootTheTableIsRebuiltWithTheRemainingTimes() throws Exception {
    ContainmentService before = start(new InMemoryAuditTrail());
    Isolation scan =
        before
            .onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7", null))
            .isolation();
    before.isolateMachine("pbx-acme", null, "alice", null);
    nft.dropTable(); // a reboot empties the kernel's tables
    Thread.sleep(1100);
    ReconcileReport r = start(new InMemoryAuditTrail()).reconcile();
    assertThat(r).isEqualTo(new ReconcileReport(0, 2, 0, 0, List.of()));
    Map<String, InForce> kernel = byPrefix(nft.inForce().orElseThrow());
    assertThat(kernel).containsOnlyKeys("198.51.100.7", "10.0.1.15");
    assertThat(kernel.get("198.51.100.7").remaining())
        .isCloseTo(Duration.between(java.time.Instant.now(), scan.expires()), Duration.ofSeconds(2))
        .isLessThan(Duration.ofSeconds(599));
  }

  static Map<String, InForce> byPrefix(List<InForce> l) {
    return l.stream().collect(Collectors.toMap(f -> f.prefix().toString(), Function.identity()));
  }
}
