package dev.vigie.contain.policy;

import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.contain.trust.KnownGood;
import dev.vigie.contain.trust.KnownGoodAddress;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

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
 *
 * <p>Trust (a source block asked by an alert): the alert's {@code proof} evidence and the
 * known-good addresses give the {@link Basis}. A known-good address is always asked about, naming
 * the client and the evidence; a SCAN of at most {@code trust.loneProbeRequests} requests is a lone
 * probe, asked about; otherwise a proven source (CHALLENGE_ANSWERED, DIALOG, TCP) may be blocked as
 * the table says, and so may an unproven FLOOD at its critical level (the volume is the harm);
 * every other unproven source is asked about. An alert without proof evidence is unproven.
 */
public final class ContainmentPolicy {

  private ContainmentPolicy() {}

  public static Decision decide(Alert a, ContainmentConfig cfg, History h, Instant now) {
    return decide(a, cfg, h, now, KnownGood.NONE);
  }

  /** As above, looking the source up in the known-good addresses. */
  public static Decision decide(
      Alert a, ContainmentConfig cfg, History h, Instant now, KnownGood knownGood) {
    Mode table = cfg.policy().mode(a.kind(), a.severity());
    // words, not enum names: the audit trail and the console show this text to people
    String why =
        a.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " ("
            + a.severity().name().toLowerCase(java.util.Locale.ROOT)
            + ")";
    if (a.kind() == AlertKind.PLATFORM_PRESSURE) {
      // a platform metric near its blocking threshold proves nothing against anyone
      return Decision.refuse(
          Reason.OBSERVE_ONLY,
          null,
          Mode.OBSERVE,
          why + " is observed only: never contained by itself");
    }
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
    String proof = String.valueOf(a.evidence().getOrDefault("proof", "NONE"));
    boolean proven = PROOFS.contains(proof);
    Optional<KnownGoodAddress> good = knownGood.find(a.source());
    Basis basis;
    String note;
    if (good.isPresent()) {
      basis = proven ? Basis.KNOWN_GOOD_PROVEN : Basis.KNOWN_GOOD_UNPROVEN;
      note = "known-good address: " + good.get().evidence() + "; proof " + proof;
    } else if (a.kind() == AlertKind.SCAN
        && a.evidence().get("requests") instanceof Number n
        && n.longValue() <= cfg.trust().loneProbeRequests()) {
      basis = Basis.LONE_PROBE;
      note = "lone probe of " + n + " request(s); proof " + proof;
    } else if (proven) {
      basis = Basis.PROVEN;
      note = "proven source (" + proof + ")";
    } else if (a.kind() == AlertKind.FLOOD && a.severity() == Severity.CRITICAL) {
      basis = Basis.FLOOD;
      note = "unproven source, its volume is the harm (critical flood)";
    } else {
      basis = Basis.UNPROVEN;
      note = "unproven source (it never answered a challenge, continued a dialog or used TCP)";
    }
    return Safeguards.check(
        new Request(
            src,
            table,
            null,
            true,
            true,
            why + " from " + a.source() + ": policy " + table + "; " + note,
            basis),
        cfg,
        h,
        now);
  }

  /** The proofs of a real address that detection names in an alert's evidence. */
  private static final Set<String> PROOFS = Set.of("CHALLENGE_ANSWERED", "DIALOG", "TCP");
}
