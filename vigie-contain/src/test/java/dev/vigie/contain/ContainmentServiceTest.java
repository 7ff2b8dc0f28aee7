package dev.vigie.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.contain.actuator.InForce;
import dev.vigie.contain.config.ActionCap;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.ledger.InMemoryIsolationLedger;
import dev.vigie.contain.nft.NftConfig;
import dev.vigie.contain.nft.NftablesActuator;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's flow (alert, decision, actuator, ledger, audit) on a test clock, with the real
 * nftables actuator in a namespace of its own: the kernel holds what the service says it holds.
 */
class ContainmentServiceTest {

  static Netns lab;
  static String ns;
  TestClock clock;
  InMemoryIsolationLedger ledger;
  InMemoryAuditTrail audit;
  NftablesActuator nft;
  ContainmentService service;

  @BeforeAll
  static void namespace() {
    lab = new Netns();
    ns = lab.add("svc");
  }

  @AfterAll
  static void teardown() {
    lab.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    clock = new TestClock(Instant.parse("2026-11-24T12:00:00Z"));
    ledger = new InMemoryIsolationLedger();
    audit = new InMemoryAuditTrail();
    nft = new NftablesActuator(NftConfig.defaults().inNamespace(ns), clock);
    nft.dropTable();
    nft.prepare();
    service = service(config(), nft);
  }

  ContainmentConfig config() {
    return ContainmentConfig.defaults()
        .withCap(new ActionCap(2, Duration.ofMinutes(5)))
        .withProtected(List.of(Cidr.parse("203.0.113.0/24")))
        .withMachines(
            List.of(
                new MachinePolicy(
                    "pbx-auto",
                    List.of(Cidr.parse("10.0.2.15"), Cidr.parse("2001:db8:2::/64")),
                    Mode.AUTO,
                    null)));
  }

  ContainmentService service(ContainmentConfig cfg, NftablesActuator... actuators) {
    AtomicInteger n = new AtomicInteger();
    return new ContainmentService(
        cfg, ledger, audit, List.of(actuators), clock, () -> "iso-" + n.incrementAndGet());
  }

  Outcome alert(AlertKind kind, Severity sev, String source) {
    return service.onAlert(Alerts.of(kind, sev, source, null));
  }

  @Test
  void anAutomaticBlockIsInTheKernelAndInTheLedgerWithItsExpiry() throws Exception {
    Outcome o = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(o.reason()).isEqualTo(Reason.ISOLATE_PROVEN);
    Isolation i = o.isolation();
    assertThat(i.state()).isEqualTo(IsolationState.ACTIVE);
    assertThat(i.expires()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(ledger.find(i.id())).contains(i);
    List<InForce> kernel = nft.inForce().orElseThrow();
    assertThat(kernel).hasSize(1);
    assertThat(kernel.get(0).prefix()).hasToString("198.51.100.7");
    assertThat(kernel.get(0).tag()).isEqualTo(i.id());
    assertThat(kernel.get(0).remaining())
        .isBetween(Duration.ofSeconds(598), Duration.ofSeconds(600));
    assertThat(audit.withReason(Reason.ISOLATE_PROVEN))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.alertId()).isEqualTo(i.alertId());
          assertThat(e.detail()).contains("scan (critical)", "policy auto", "first offence");
        });
    Outcome again = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(again.reason()).isEqualTo(Reason.ALREADY_ISOLATED);
    assertThat(nft.inForce().orElseThrow()).hasSize(1);
  }

  @Test
  void aFailedActionIsRecordedFailedNeverActiveAndRolledBack() throws Exception {
    NftablesActuator broken =
        new NftablesActuator(
            NftConfig.defaults().inNamespace("vgt-missing-" + ProcessHandle.current().pid()),
            clock);
    service = service(config(), nft, broken);
    Outcome o = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(o.reason()).isEqualTo(Reason.ACTUATOR_FAILED);
    assertThat(o.detail())
        .as("nft's stderr is in the result")
        .contains("nftables inet vigie (netns vgt-missing-", "Cannot open network namespace");
    assertThat(o.isolation().state()).isEqualTo(IsolationState.FAILED);
    assertThat(service.active()).isEmpty();
    assertThat(nft.inForce().orElseThrow()).as("the first actuator was rolled back").isEmpty();
    assertThat(audit.withReason(Reason.ACTUATOR_FAILED)).hasSize(1);
  }

  @Test
  void anOperatorApprovesWhatThePolicyAsks() throws Exception {
    Outcome asked = alert(AlertKind.BRUTE_FORCE, Severity.WARNING, "198.51.100.7");
    assertThat(asked.reason()).isEqualTo(Reason.ASK_OPERATOR);
    assertThat(asked.isolation().state()).isEqualTo(IsolationState.PENDING_APPROVAL);
    assertThat(nft.inForce().orElseThrow()).isEmpty();
    assertThat(service.pending()).extracting(Isolation::id).containsExactly(asked.isolation().id());

    clock.advance(Duration.ofMinutes(2));
    Outcome ok = service.approve(asked.isolation().id(), "alice");
    assertThat(ok.reason()).isEqualTo(Reason.APPROVED);
    assertThat(ok.isolation().actor()).isEqualTo("alice");
    assertThat(ok.isolation().expires()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(nft.inForce().orElseThrow())
        .extracting(InForce::tag)
        .containsExactly(ok.isolation().id());

    assertThat(service.approve(asked.isolation().id(), "bob").reason())
        .isEqualTo(Reason.WRONG_STATE);
    assertThat(service.approve("iso-404", "bob").reason()).isEqualTo(Reason.NOT_FOUND);
  }

  @Test
  void aQuestionTakenOverByAnAutomaticBlockCarriesTheBlocksReason() throws Exception {
    // the warning asks; the critical revision of the same source acts on the waiting entry
    Outcome asked = alert(AlertKind.BRUTE_FORCE, Severity.WARNING, "198.51.100.8");
    assertThat(asked.reason()).isEqualTo(Reason.ASK_OPERATOR);
    Outcome acted = alert(AlertKind.BRUTE_FORCE, Severity.CRITICAL, "198.51.100.8");
    assertThat(acted.isolation().id()).isEqualTo(asked.isolation().id());
    assertThat(acted.isolation().state()).isEqualTo(IsolationState.ACTIVE);
    assertThat(acted.isolation().reason())
        .isEqualTo(acted.reason())
        .isNotEqualTo(Reason.ASK_OPERATOR);
    assertThat(service.active()).extracting(Isolation::reason).containsExactly(acted.reason());
  }

  @Test
  void anOperatorRejectsAPendingRequestAndPendingRequestsExpire() {
    Outcome a = alert(AlertKind.BRUTE_FORCE, Severity.WARNING, "198.51.100.7");
    Outcome b = alert(AlertKind.FLOOD, Severity.WARNING, "198.51.100.8");
    Outcome rejected = service.release(a.isolation().id(), "alice");
    assertThat(rejected.reason()).isEqualTo(Reason.RELEASED);
    assertThat(rejected.detail()).isEqualTo("request rejected by alice");
    clock.advance(Duration.ofMinutes(61));
    assertThat(service.expire()).extracting(Outcome::reason).containsExactly(Reason.EXPIRED);
    assertThat(ledger.find(b.isolation().id()).orElseThrow().state())
        .isEqualTo(IsolationState.EXPIRED);
    assertThat(service.pending()).isEmpty();
  }

  @Test
  void beyondTheCapVigieAsksInsteadOfActing() throws Exception {
    assertThat(alert(AlertKind.SCAN, Severity.CRITICAL, "192.0.2.1").reason())
        .isEqualTo(Reason.ISOLATE_PROVEN);
    clock.advance(Duration.ofMinutes(1));
    assertThat(alert(AlertKind.SCAN, Severity.CRITICAL, "192.0.2.2").reason())
        .isEqualTo(Reason.ISOLATE_PROVEN);
    clock.advance(Duration.ofMinutes(1));
    Outcome capped = alert(AlertKind.SCAN, Severity.CRITICAL, "192.0.2.3");
    assertThat(capped.reason()).isEqualTo(Reason.CAP_REACHED);
    assertThat(capped.isolation().state()).isEqualTo(IsolationState.PENDING_APPROVAL);
    assertThat(capped.detail()).contains("cap of 2 automatic actions per 5 min reached");
    assertThat(nft.inForce().orElseThrow()).hasSize(2);
    assertThat(service.isolateSource("192.0.2.9", null, "alice", "by hand").reason())
        .as("an operator is not capped")
        .isEqualTo(Reason.ISOLATE);
    clock.advance(Duration.ofMinutes(3).plusSeconds(1)); // the first action leaves the window
    assertThat(alert(AlertKind.SCAN, Severity.CRITICAL, "192.0.2.4").reason())
        .isEqualTo(Reason.ISOLATE_PROVEN);
    assertThat(audit.withReason(Reason.CAP_REACHED)).hasSize(1);
  }

  @Test
  void repeatOffencesEscalateTheBlockDuration() throws Exception {
    Outcome first = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(first.isolation().duration()).isEqualTo(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(service.expire()).extracting(Outcome::reason).containsExactly(Reason.EXPIRED);
    assertThat(nft.inForce().orElseThrow()).as("expiry revokes").isEmpty();
    Outcome second = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(second.isolation().duration()).isEqualTo(Duration.ofMinutes(40));
    assertThat(second.detail()).contains("repeat offence 2");
    assertThat(nft.inForce().orElseThrow().get(0).remaining())
        .isBetween(Duration.ofSeconds(2398), Duration.ofSeconds(2400));
  }

  @Test
  void dryRunRecordsWhatWouldHappenAndTouchesNothing() throws Exception {
    service = service(config().withDryRun(true), nft);
    Outcome o = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    assertThat(o.reason()).isEqualTo(Reason.DRY_RUN);
    assertThat(o.isolation().dryRun()).isTrue();
    assertThat(o.isolation().state()).isEqualTo(IsolationState.ACTIVE);
    assertThat(nft.inForce().orElseThrow()).isEmpty();
    assertThat(alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7").reason())
        .isEqualTo(Reason.ALREADY_ISOLATED);
    assertThat(service.release(o.isolation().id(), "alice").reason()).isEqualTo(Reason.RELEASED);
    assertThat(service.reconcile().strayRemoved()).isZero();
  }

  @Test
  void protectedRangesAreRefusedEvenToOperators() throws Exception {
    Outcome o = service.isolateSource("203.0.113.9", null, "alice", "trunk looks odd");
    assertThat(o.reason()).isEqualTo(Reason.PROTECTED);
    assertThat(o.detail()).contains("protected range 203.0.113.0/24");
    assertThat(audit.withReason(Reason.PROTECTED))
        .singleElement()
        .satisfies(e -> assertThat(e.target()).isEqualTo("203.0.113.9"));
    assertThat(nft.inForce().orElseThrow()).isEmpty();
    assertThat(service.isolateSource("not-an-ip", null, "alice", null).detail())
        .isEqualTo("not an IP address or prefix: 'not-an-ip'");
    assertThat(service.isolateMachine("pbx-nope", null, "alice", null).reason())
        .isEqualTo(Reason.UNKNOWN_MACHINE);
    assertThatThrownBy(() -> service.isolateSource("192.0.2.1", Duration.ZERO, "alice", null))
        .hasMessage("duration must be positive, not PT0S");
    assertThatThrownBy(() -> service.release("iso-1", " "))
        .hasMessage("an operator name is required");
  }

  @Test
  void aMachineIsolatedUntilReleasedOutlivesEveryTick() throws Exception {
    Outcome o =
        service.onAlert(Alerts.of(AlertKind.MACHINE_TRAFFIC, Severity.CRITICAL, null, "pbx-auto"));
    assertThat(o.reason()).isEqualTo(Reason.ISOLATE);
    assertThat(nft.inForce().orElseThrow())
        .extracting(f -> f.prefix().toString() + " " + f.kind() + " " + f.remaining())
        .containsExactlyInAnyOrder(
            "10.0.2.15 MACHINE_ISOLATION null", "2001:db8:2::/64 MACHINE_ISOLATION null");
    clock.advance(Duration.ofDays(30));
    assertThat(service.expire()).isEmpty();
    assertThat(service.release(o.isolation().id(), "alice").reason()).isEqualTo(Reason.RELEASED);
    assertThat(nft.inForce().orElseThrow()).isEmpty();
    assertThat(service.release(o.isolation().id(), "alice").reason()).isEqualTo(Reason.WRONG_STATE);
  }

  @Test
  void preparingAgainKeepsWhatIsInForceAndAVanishedTableIsRebuilt() throws Exception {
    Outcome o = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7");
    nft.prepare(); // a restart: the chains are rewritten atomically, the sets keep their elements
    assertThat(nft.inForce().orElseThrow())
        .extracting(InForce::tag)
        .containsExactly(o.isolation().id());
    String rules = nft.listing();
    assertThat(rules)
        .contains("hook input priority filter - 10", "hook forward priority filter - 10");
    assertThat(rules.split("ip saddr @blocked4", -1))
        .as("one rule per chain, not duplicated")
        .hasSize(3);
    assertThat(rules.split("ip daddr @isolated4", -1)).as("forward chain only").hasSize(2);
    Netns.exec(ns, "nft", "flush", "ruleset"); // someone flushed everything
    Outcome next = alert(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.8");
    assertThat(next.reason()).isEqualTo(Reason.ISOLATE_PROVEN);
    assertThat(nft.listing()).contains("ip saddr @blocked4", "198.51.100.8");
    assertThat(service.reconcile().reapplied()).as("the first block comes back").isEqualTo(1);
  }
}
