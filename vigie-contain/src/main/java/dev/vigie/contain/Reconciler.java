package dev.vigie.contain;

import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.actuator.InForce;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.contain.ledger.IsolationLedger;
import dev.vigie.detect.inventory.Cidr;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Aligns the actuators with the ledger after a restart (or a crash, or a reboot that emptied the
 * kernel's tables). The ledger is the source of truth; expired entries were already marked by the
 * caller. For each actuator that can report what it holds ({@link Actuator#inForce()}):
 *
 * <ol>
 *   <li>{@link Actuator#prepare()} (recreates Vigie's table after a reboot, keeps elements
 *       otherwise);
 *   <li>an ACTIVE, non-dry-run entry whose elements are all present: IN_FORCE, nothing repeated (a
 *       re-add would reset the kernel's timeout);
 *   <li>an entry with an element missing: applied again for its remaining time only (REAPPLIED); if
 *       that fails the entry is marked FAILED, so that the ledger never claims what is not in
 *       force;
 *   <li>an element that no ACTIVE entry accounts for (applied just before a crash, before the
 *       ledger recorded it, or added by hand): removed (STRAY_REMOVED). Only Vigie's own table is
 *       ever listed or changed.
 * </ol>
 *
 * Actuators that cannot report (webhooks) are trusted: their entries were recorded only after the
 * call succeeded. O(entries + elements) with hash lookups; runs under the service's lock.
 */
final class Reconciler {

  private record Key(IsolationKind kind, Cidr prefix) {}

  private final IsolationLedger ledger;
  private final List<Actuator> actuators;
  private final InstantSource clock;
  private final Consumer<AuditEntry> audit;

  Reconciler(
      IsolationLedger ledger,
      List<Actuator> actuators,
      InstantSource clock,
      Consumer<AuditEntry> audit) {
    this.ledger = ledger;
    this.actuators = actuators;
    this.clock = clock;
    this.audit = audit;
  }

  ReconcileReport run(int expired) {
    Instant now = clock.instant();
    List<String> failures = new ArrayList<>();
    Set<String> reapplied = new HashSet<>();
    Set<String> failed = new HashSet<>();
    int stray = 0;
    List<Isolation> active =
        ledger.inState(IsolationState.ACTIVE).stream().filter(i -> !i.dryRun()).toList();
    for (Actuator a : actuators) {
      Optional<List<InForce>> state;
      try {
        a.prepare();
        state = a.inForce();
      } catch (ActuationException e) {
        failures.add(a.name() + ": " + e.getMessage());
        note(now, Reason.ACTUATOR_FAILED, null, a.name() + ": " + e.getMessage());
        continue;
      }
      if (state.isEmpty()) {
        continue; // cannot observe: trust the ledger
      }
      Map<Key, InForce> present = new HashMap<>();
      state.get().forEach(f -> present.put(new Key(f.kind(), f.prefix()), f));
      Set<Key> expected = new HashSet<>();
      for (Isolation i : active) {
        if (!a.supports(i.kind()) || failed.contains(i.id())) {
          continue;
        }
        boolean missing = false;
        for (Cidr p : i.target().prefixes()) {
          Key k = new Key(i.kind(), p);
          expected.add(k);
          missing |= !present.containsKey(k);
        }
        if (!missing) {
          continue;
        }
        try {
          a.apply(i);
          reapplied.add(i.id());
          String left = i.expires() == null ? "until released" : "for " + i.remaining(now);
          note(now, Reason.REAPPLIED, i, a.name() + ": missing, applied again " + left);
        } catch (ActuationException e) {
          failed.add(i.id());
          failures.add(a.name() + " " + i.id() + ": " + e.getMessage());
          Isolation f = i.end(IsolationState.FAILED, now, Isolation.AUTO);
          ledger.save(f.withDetail("re-apply after restart failed: " + e.getMessage()));
          note(now, Reason.ACTUATOR_FAILED, i, a.name() + ": " + e.getMessage());
        }
      }
      List<InForce> unknown =
          state.get().stream()
              .filter(f -> !expected.contains(new Key(f.kind(), f.prefix())))
              .toList();
      try {
        a.removeStray(unknown);
        stray += unknown.size();
        for (InForce f : unknown) {
          String tag = f.tag() == null ? "" : " (tagged " + f.tag() + ")";
          note(now, Reason.STRAY_REMOVED, null, a.name() + ": removed " + f.prefix() + tag);
        }
      } catch (ActuationException e) {
        failures.add(a.name() + " stray: " + e.getMessage());
      }
    }
    int kept = 0;
    for (Isolation i : active) {
      if (!reapplied.contains(i.id()) && !failed.contains(i.id())) {
        kept++;
        note(now, Reason.IN_FORCE, i, "in force, nothing repeated");
      }
    }
    return new ReconcileReport(kept, reapplied.size(), expired, stray, failures);
  }

  private void note(Instant now, Reason r, Isolation i, String detail) {
    audit.accept(
        new AuditEntry(
            now,
            r,
            i == null ? null : i.id(),
            i == null ? null : i.alertId(),
            i == null ? null : i.target().toString(),
            Isolation.AUTO,
            detail));
  }
}
