package dev.vigie.contain.policy;

import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import java.time.Instant;

/**
 * Turns an alert into a {@link Decision}: resolves the target, looks up the mode in the policy
 * table, caps it with the machine's own isolation policy, then applies the {@link Safeguards}.
 * Pure: same inputs, same decision.
 *
 * <p>Target resolution: MACHINE_TRAFFIC always concerns the machine (the alert's source, if any, is
 * the victim); TOLL_FRAUD blocks its source when it has one and otherwise isolates the machine
 * placing the calls; every other kind blocks its source (an IPv6 source widened to its /64), and an
 * alert without a source (a distributed flood) has NO_TARGET: isolating the victim would finish the
 * attacker's job.
 */
public final class ContainmentPolicy {

  private ContainmentPolicy() {}

  public static Decision decide(Alert a, ContainmentConfig cfg, History h, Instant now) {
    Mode table = cfg.policy().mode(a.kind(), a.severity());
    String why = a.kind() + "/" + a.severity();
    boolean machine =
        a.kind() == AlertKind.MACHINE_TRAFFIC
            || a.kind() == AlertKind.TOLL_FRAUD && a.source() == null;
    if (machine) {
      if (a.machine() == null) {
        return Decision.refuse(Reason.NO_TARGET, null, table, why + " names no machine");
      }
      MachinePolicy mp = cfg.machines().get(a.machine());
      if (mp == null) {
        return Decision.refuse(
            Reason.UNKNOWN_MACHINE, null, table, why + ": machine '" + a.machine() + "' unknown");
      }
      if (mp.addresses().isEmpty()) {
        return Decision.refuse(
            Reason.NO_TARGET, null, table, why + ": machine '" + mp.id() + "' has no address");
      }
      Mode mode = table.min(mp.isolation());
      String w =
          why + " machine " + mp.id() + ": table " + table + ", machine policy " + mp.isolation();
      return Safeguards.check(
          new Request(
              new Target.Machine(mp.id(), mp.addresses()), mode, mp.duration(), false, true, w),
          cfg,
          h,
          now);
    }
    if (a.source() == null) {
      return Decision.refuse(
          Reason.NO_TARGET, null, table, why + " has no single source to block (distributed)");
    }
    Target.Source src;
    try {
      src = Target.Source.parse(a.source());
    } catch (IllegalArgumentException e) {
      return Decision.refuse(Reason.NO_TARGET, null, table, why + ": " + e.getMessage());
    }
    return Safeguards.check(
        new Request(
            src, table, null, true, true, why + " from " + a.source() + ": policy " + table),
        cfg,
        h,
        now);
  }
}
