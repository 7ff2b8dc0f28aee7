package dev.vigie.contain;

import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.ledger.AuditTrail;
import dev.vigie.contain.ledger.FileIsolationLedger;
import dev.vigie.contain.nft.NftConfig;
import dev.vigie.contain.nft.NftablesActuator;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The process {@link KillNineTest} kills: a containment service over a file ledger and nftables in
 * the given namespace. It contains three things, prints {@code APPLIED}, then waits (at most 60 s)
 * for its SIGKILL.
 */
public final class CrashDriver {

  private CrashDriver() {}

  static ContainmentConfig config() {
    return ContainmentConfig.defaults()
        .withMachines(
            List.of(MachinePolicy.askUntilReleased("pbx-acme", List.of(Cidr.parse("10.0.1.15")))));
  }

  public static void main(String[] args) throws Exception {
    FileIsolationLedger ledger = new FileIsolationLedger(Path.of(args[0]));
    NftablesActuator nft =
        new NftablesActuator(NftConfig.defaults().inNamespace(args[1]), InstantSource.system());
    ContainmentService s =
        new ContainmentService(
            config(), ledger, AuditTrail.none(), List.of(nft), InstantSource.system());
    s.reconcile();
    s.onAlert(Alerts.of(AlertKind.SCAN, Severity.CRITICAL, "198.51.100.7", null));
    s.isolateSource("198.51.100.8", Duration.ofSeconds(2), "alice", "short");
    s.isolateMachine("pbx-acme", null, "alice", "until released");
    System.out.println("APPLIED " + s.active().size());
    System.out.flush();
    Thread.sleep(60_000);
  }
}
