package dev.vigie.contain.nft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.Alerts;
import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Netns;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.ledger.InMemoryAuditTrail;
import dev.vigie.contain.ledger.InMemoryIsolationLedger;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nftables actuator on real traffic. Four namespaces this test creates and deletes: core (where
 * Vigie's table lives, routing between the others), attacker, phone and vm (a hosted machine behind
 * core). UDP datagrams (SIP OPTIONS text) every 10-20 ms, echoed back; the server prints the
 * arrival time of each one, so "cut off" is measured as the last datagram that got through after
 * the block was applied.
 *
 * <pre>
 *  attacker 10.250.1.2, fd00:250:1::2 and ::66 ─ core 10.250.1.1 / .2.1 / .3.1 ─ phone 10.250.2.2
 *                                                         └─ vm 10.250.3.2, fd00:250:3::2
 * </pre>
 */
@SuppressWarnings("try") // senders are used for their side effect: traffic
class NftablesNetnsTest {

  static Netns lab;
  static String core;
  static String atk;
  static String ue;
  static String vm;
  NftablesActuator nft;
  ContainmentService service;
  InMemoryAuditTrail audit;

  @BeforeAll
  static void topology() {
    lab = new Netns();
    core = lab.add("core");
    atk = lab.add("atk");
    ue = lab.add("ue");
    vm = lab.add("vm");
    lab.link(
        core, "c-atk", "10.250.1.1", "fd00:250:1::1", atk, "a-core", "10.250.1.2", "fd00:250:1::2");
    lab.link(
        core, "c-ue", "10.250.2.1", "fd00:250:2::1", ue, "u-core", "10.250.2.2", "fd00:250:2::2");
    lab.link(
        core, "c-vm", "10.250.3.1", "fd00:250:3::1", vm, "v-core", "10.250.3.2", "fd00:250:3::2");
    Netns.sh("ip", "-n", atk, "addr", "add", "fd00:250:1::66/64", "dev", "a-core", "nodad");
    for (String[] r :
        List.of(
            new String[] {atk, "10.250.1.1", "fd00:250:1::1"},
            new String[] {ue, "10.250.2.1", "fd00:250:2::1"},
            new String[] {vm, "10.250.3.1", "fd00:250:3::1"})) {
      Netns.sh("ip", "-n", r[0], "route", "add", "default", "via", r[1]);
      Netns.sh("ip", "-n", r[0], "-6", "route", "add", "default", "via", r[2]);
    }
    Netns.exec(core, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    Netns.exec(core, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
  }

  @AfterAll
  static void teardown() {
    lab.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    nft = new NftablesActuator(NftConfig.defaults().inNamespace(core), InstantSource.system());
    nft.dropTable();
    nft.prepare();
    assertThat(nft.inForce().orElseThrow()).isEmpty(); // as at start-up: reconciliation lists first
    audit = new InMemoryAuditTrail();
    ContainmentConfig cfg =
        ContainmentConfig.defaults()
            .withMachines(
                List.of(
                    MachinePolicy.askUntilReleased(
                        "vm", List.of(Cidr.parse("10.250.3.2"), Cidr.parse("fd00:250:3::2")))));
    service =
        new ContainmentService(
            cfg, new InMemoryIsolationLedger(), audit, List.of(nft), InstantSource.system());
  }

  @Test
  void anAttackerIsCutOffWithinTwoSecondsWhileAPhoneKeepsCallingAndReleaseRestoresIt()
      throws Exception {
    try (UdpPeer server = UdpPeer.serve(core, 20, "10.250.1.1", "5060", "10.250.2.1", "5060");
        UdpPeer attacker = UdpPeer.send(atk, 15, 10, "10.250.1.2", "10.250.1.1", 5060);
        UdpPeer phone = UdpPeer.send(ue, 15, 20, "10.250.2.2", "10.250.2.1", 5060)) {
      waitFor(
          () -> !server.rxFrom("10.250.1.2").isEmpty() && !server.rxFrom("10.250.2.2").isEmpty());
      long attackStart = server.rxFrom("10.250.1.2").get(0);
      pause(300); // the attack goes on for a while: detection takes its time

      long t0 = System.currentTimeMillis();
      Outcome o = service.onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "10.250.1.2", null));
      long t1 = System.currentTimeMillis();
      assertThat(o.reason()).as(o.detail()).isEqualTo(Reason.ISOLATE_PROVEN);
      pause(1500);

      List<Long> atkAfter = after(server.rxFrom("10.250.1.2"), t0);
      long lastThrough = atkAfter.isEmpty() ? t0 : atkAfter.get(atkAfter.size() - 1);
      long cutOff = lastThrough - t0;
      System.out.printf(
          "nft apply %d ms; attacker cut off %d ms after the alert (%d datagrams got through,"
              + " attack running for %d ms)%n",
          t1 - t0, cutOff, atkAfter.size(), t0 - attackStart);
      assertThat(cutOff).as("time from the alert to the attacker's last datagram").isLessThan(2000);
      assertThat(after(server.rxFrom("10.250.1.2"), t1 + 100))
          .as("nothing after the block")
          .isEmpty();
      assertThat(between(server.rxFrom("10.250.2.2"), t1 + 200, t1 + 1400))
          .as("the phone keeps getting through (one every 20 ms)")
          .hasSizeGreaterThan(40);
      assertThat(between(phone.echoes(), t1 + 200, t1 + 1400)).hasSizeGreaterThan(40);

      long r0 = System.currentTimeMillis();
      assertThat(service.release(o.isolation().id(), "alice").reason()).isEqualTo(Reason.RELEASED);
      long r1 = System.currentTimeMillis();
      waitFor(() -> !after(server.rxFrom("10.250.1.2"), r0).isEmpty());
      long restored = after(server.rxFrom("10.250.1.2"), r0).get(0) - r0;
      System.out.printf(
          "release took %d ms (list + delete); attacker's traffic back %d ms after the call began%n",
          r1 - r0, restored);
      assertThat(restored).isLessThan(r1 - r0 + 500);
      assertThat(attacker.echoes()).isNotEmpty();
      assertThat(nft.inForce().orElseThrow()).isEmpty();
    }
  }

  @Test
  void aTwoSecondBlockExpiresByItselfInTheKernel() throws Exception {
    try (UdpPeer server = UdpPeer.serve(core, 15, "10.250.1.1", "5060");
        UdpPeer attacker = UdpPeer.send(atk, 12, 10, "10.250.1.2", "10.250.1.1", 5060)) {
      waitFor(() -> !server.rxFrom("10.250.1.2").isEmpty());
      long t0 = System.currentTimeMillis();
      Outcome o = service.isolateSource("10.250.1.2", Duration.ofSeconds(2), "alice", "test");
      assertThat(o.reason()).as(o.detail()).isEqualTo(Reason.ISOLATE);
      pause(1000);
      assertThat(between(server.rxFrom("10.250.1.2"), t0 + 200, t0 + 1000)).isEmpty();
      // no call into Vigie from here on: the kernel lifts the element at its timeout
      waitFor(() -> !after(server.rxFrom("10.250.1.2"), t0 + 1000).isEmpty());
      long back = after(server.rxFrom("10.250.1.2"), t0 + 1000).get(0) - t0;
      System.out.printf("2 s block: traffic back %d ms after apply, by kernel expiry%n", back);
      assertThat(back).isBetween(1900L, 3000L);
      assertThat(nft.inForce().orElseThrow()).isEmpty();
    }
  }

  @Test
  void anIpv6AttackerIsBlockedByItsSlash64() throws Exception {
    try (UdpPeer server =
            UdpPeer.serve(core, 15, "fd00:250:1::1", "5060", "fd00:250:2::1", "5060");
        UdpPeer a1 = UdpPeer.send(atk, 12, 10, "fd00:250:1::2", "fd00:250:1::1", 5060);
        UdpPeer a2 = UdpPeer.send(atk, 12, 10, "fd00:250:1::66", "fd00:250:1::1", 5060);
        UdpPeer phone = UdpPeer.send(ue, 12, 20, "fd00:250:2::2", "fd00:250:2::1", 5060)) {
      waitFor(() ->
          !server.rxFrom("fd00:250:1::2").isEmpty()
              && !server.rxFrom("fd00:250:1::66").isEmpty()
              && !server.rxFrom("fd00:250:2::2").isEmpty());
      long t0 = System.currentTimeMillis();
      Outcome o =
          service.onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "fd00:250:1::66", null));
      assertThat(o.isolation().target()).hasToString("fd00:250:1::/64");
      pause(1200);
      assertThat(after(server.rxFrom("fd00:250:1::66"), t0 + 200)).isEmpty();
      assertThat(after(server.rxFrom("fd00:250:1::2"), t0 + 200))
          .as("another address of the same /64")
          .isEmpty();
      assertThat(between(server.rxFrom("fd00:250:2::2"), t0 + 200, t0 + 1200))
          .hasSizeGreaterThan(30);
      assertThat(nft.listing()).contains("fd00:250:1::/64");
    }
  }

  @Test
  void anIsolatedMachineIsCutBothWaysForForwardedTrafficUntilReleased() throws Exception {
    try (UdpPeer vmServer = UdpPeer.serve(vm, 20, "10.250.3.2", "5060", "fd00:250:3::2", "5060");
        UdpPeer ueServer = UdpPeer.serve(ue, 20, "10.250.2.2", "5070");
        UdpPeer toVm4 = UdpPeer.send(ue, 15, 20, "10.250.2.2", "10.250.3.2", 5060);
        UdpPeer toVm6 = UdpPeer.send(ue, 15, 20, "fd00:250:2::2", "fd00:250:3::2", 5060);
        UdpPeer fromVm = UdpPeer.send(vm, 15, 20, "10.250.3.2", "10.250.2.2", 5070);
        UdpPeer toCore = UdpPeer.serve(core, 20, "10.250.2.1", "5060");
        UdpPeer phone = UdpPeer.send(ue, 15, 20, "10.250.2.2", "10.250.2.1", 5060)) {
      waitFor(() ->
          !vmServer.rxFrom("10.250.2.2").isEmpty()
              && !vmServer.rxFrom("fd00:250:2::2").isEmpty()
              && !ueServer.rxFrom("10.250.3.2").isEmpty());
      long t0 = System.currentTimeMillis();
      Outcome o = service.isolateMachine("vm", null, "alice", "outbound flood");
      assertThat(o.reason()).as(o.detail()).isEqualTo(Reason.ISOLATE);
      assertThat(o.isolation().expires()).as("until released").isNull();
      pause(1200);
      assertThat(after(vmServer.rxFrom("10.250.2.2"), t0 + 200))
          .as("to the machine, IPv4")
          .isEmpty();
      assertThat(after(vmServer.rxFrom("fd00:250:2::2"), t0 + 200)).as("IPv6").isEmpty();
      assertThat(after(ueServer.rxFrom("10.250.3.2"), t0 + 200)).as("from the machine").isEmpty();
      assertThat(between(toCore.rxFrom("10.250.2.2"), t0 + 200, t0 + 1200))
          .as("other traffic flows")
          .hasSizeGreaterThan(30);

      long r0 = System.currentTimeMillis();
      assertThat(service.release(o.isolation().id(), "alice").reason()).isEqualTo(Reason.RELEASED);
      waitFor(() ->
          !after(vmServer.rxFrom("10.250.2.2"), r0).isEmpty()
              && !after(ueServer.rxFrom("10.250.3.2"), r0).isEmpty());
      System.out.printf(
          "machine isolation: released, traffic back %d ms later%n",
          after(vmServer.rxFrom("10.250.2.2"), r0).get(0) - r0);
    }
  }

  @Test
  void sippCallsFromThePhoneAllSucceedWhileTheAttackerIsBlocked() throws Exception {
    Process uas = sipp(core, "-sn", "uas", "-i", "10.250.2.1", "-p", "5060");
    try (UdpPeer server = UdpPeer.serve(core, 15, "10.250.1.1", "5060");
        UdpPeer attacker = UdpPeer.send(atk, 12, 10, "10.250.1.2", "10.250.1.1", 5060)) {
      pause(500); // the UAS binds
      // 60 calls at 20/s, 200 ms each: about 3 s of calling, the block lands in the middle
      Process uac =
          sipp(
              ue,
              "10.250.2.1:5060",
              "-sn",
              "uac",
              "-i",
              "10.250.2.2",
              "-p",
              "5061",
              "-r",
              "20",
              "-m",
              "60",
              "-d",
              "200");
      pause(1000);
      long t0 = System.currentTimeMillis();
      Outcome o =
          service.onAlert(Alerts.of(AlertKind.FLOOD, Severity.CRITICAL, "10.250.1.2", null));
      assertThat(o.reason()).isEqualTo(Reason.ISOLATE_PROVEN);
      assertThat(uac.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)).as("uac ends").isTrue();
      String out = java.nio.file.Files.readString(log(ue));
      assertThat(uac.exitValue()).as("SIPp: 0 = every call succeeded\n" + out).isZero();
      assertThat(after(server.rxFrom("10.250.1.2"), t0 + 100)).isEmpty();
      assertThat(attacker.events()).isNotEmpty();
    } finally {
      uas.destroy();
      uas.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      java.nio.file.Files.deleteIfExists(log(core));
      java.nio.file.Files.deleteIfExists(log(ue));
    }
  }

  /** SIPp inside a namespace, bounded by timeout(1); fails naming SIPp when it is missing. */
  static Process sipp(String ns, String... args) throws java.io.IOException {
    List<String> cmd =
        new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns, "timeout", "20", "sipp"));
    cmd.addAll(List.of(args));
    cmd.add("-nostdin");
    try {
      Netns.sh("sh", "-c", "command -v sipp");
    } catch (IllegalStateException e) {
      throw new IllegalStateException("this test needs SIPp (Debian package sip-tester)");
    }
    // output to a file: an unread pipe would fill up and stall SIPp
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log(ns).toFile())
        .start();
  }

  static java.nio.file.Path log(String ns) {
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), ns + "-sipp.log");
  }

  static List<Long> after(List<Long> times, long t) {
    return times.stream().filter(x -> x > t).toList();
  }

  static List<Long> between(List<Long> times, long from, long to) {
    return times.stream().filter(x -> x > from && x <= to).toList();
  }

  /** Polls every 20 ms for at most 5 s. */
  static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long end = System.currentTimeMillis() + 5000;
    while (!cond.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("condition not met within 5 s").isLessThan(end);
      Thread.sleep(20);
    }
  }

  /** Real time passing on purpose: traffic flows in real time. */
  static void pause(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }
}
