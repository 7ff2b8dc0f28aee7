package dev.vigie.contain.policy;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.Mode;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The safeguards, as one pure function of (request, config, history, now). Checked in this order,
 * the first that applies wins:
 *
 * <ol>
 *   <li>PROTECTED: the target overlaps a protected range. Never acted on, not even on an operator's
 *       request (remove the range from the configuration first).
 *   <li>OBSERVE_ONLY: the effective mode is OBSERVE.
 *   <li>ALREADY_ISOLATED: an active, unexpired entry has the same target (later alert revisions of
 *       the same episode land here: deduplication). A dry-run entry counts only while dry-run is
 *       on.
 *   <li>KNOWN_GOOD, LONE_PROBE, ASK_UNPROVEN: an alert-driven source block whose {@link Basis} is
 *       neither a proof nor a flood is asked about whatever the table says (ALREADY_PENDING when a
 *       request waits); when the question draws on the unproven budget and {@code
 *       trust.unprovenAsks} questions were already asked within {@code trust.unprovenWindow}:
 *       UNPROVEN_CAP_REACHED, recorded only. The automatic-action cap is never touched by them.
 *   <li>ASK_OPERATOR (or ALREADY_PENDING when a request for the target already waits).
 *   <li>CAP_REACHED: an automatic request when {@code cap.maxActions} automatic actions already
 *       came in force within the sliding {@code cap.window}: Vigie asks instead of acting.
 *   <li>DRY_RUN when the global dry-run is on, else ISOLATE_PROVEN or ISOLATE_FLOOD for an
 *       alert-driven source block (naming its basis), ISOLATE otherwise (promoting a pending entry
 *       of the same target, if any).
 * </ol>
 *
 * <p>Source blocks escalate: the duration is {@code expiry.durationFor(n)} where n counts the
 * earlier blocks of the same source that came in force within {@code expiry.repeatWindow}. Dry-run
 * entries count for the cap and for escalation, so that a dry run shows what would really happen.
 * Complexity O(history size).
 */
public final class Safeguards {

  private Safeguards() {}

  public static Decision check(Request r, ContainmentConfig cfg, History h, Instant now) {
    var t = r.target();
    for (Cidr p : cfg.protectedRanges()) {
      if (t.overlaps(p)) {
        return Decision.refuse(
            Reason.PROTECTED, t, r.mode(), r.why() + "; " + t + " is in protected range " + p);
      }
    }
    if (r.mode() == Mode.OBSERVE) {
      return Decision.refuse(Reason.OBSERVE_ONLY, t, r.mode(), r.why() + "; policy says observe");
    }
    String key = t.key();
    // a simulated entry only counts while simulating: once dry-run is off, real blocks proceed
    Isolation active =
        first(
            h,
            i -> i.target().key().equals(key) && i.inForceAt(now) && (!i.dryRun() || cfg.dryRun()));
    if (active != null) {
      String until = active.expires() == null ? "until released" : "until " + active.expires();
      return Decision.refuse(
          Reason.ALREADY_ISOLATED,
          t,
          r.mode(),
          r.why() + "; already isolated by " + active.id() + " " + until);
    }
    Isolation pending =
        first(h, i -> i.target().key().equals(key) && i.state() == IsolationState.PENDING_APPROVAL);
    int offences = r.escalate() ? offences(h, key, now.minus(cfg.expiry().repeatWindow())) : 0;
    Duration d = r.escalate() ? cfg.expiry().durationFor(offences) : r.duration();
    String how =
        r.why()
            + "; "
            + (d == null ? "until released" : "for " + words(d))
            + offenceText(r, offences);
    Basis b = r.basis();
    if (b != null && b.asks()) {
      if (pending != null) {
        return Decision.refuse(
            Reason.ALREADY_PENDING, t, r.mode(), r.why() + "; " + pending.id() + " already waits");
      }
      Reason ask =
          switch (b) {
            case KNOWN_GOOD_PROVEN, KNOWN_GOOD_UNPROVEN -> Reason.KNOWN_GOOD;
            case LONE_PROBE -> Reason.LONE_PROBE;
            default -> Reason.ASK_UNPROVEN;
          };
      if (b.unprovenBudget() && unprovenBudgetSpent(cfg, h, now)) {
        return new Decision(
            Reason.UNPROVEN_CAP_REACHED,
            t,
            r.mode(),
            null,
            offences,
            how
                + "; budget of "
                + cfg.trust().unprovenAsks()
                + " questions about unproven sources per "
                + words(cfg.trust().unprovenWindow())
                + " spent: recorded only",
            null,
            b);
      }
      return new Decision(ask, t, r.mode(), d, offences, how, null, b);
    }
    if (r.mode() == Mode.ASK || r.automatic() && capReached(cfg, h, now)) {
      if (pending != null) {
        return Decision.refuse(
            Reason.ALREADY_PENDING, t, r.mode(), r.why() + "; " + pending.id() + " already waits");
      }
      if (r.mode() == Mode.ASK) {
        return new Decision(Reason.ASK_OPERATOR, t, r.mode(), d, offences, how, null, b);
      }
      String cap =
          "; cap of "
              + cfg.cap().maxActions()
              + " automatic actions per "
              + words(cfg.cap().window())
              + " reached: asking instead";
      return new Decision(Reason.CAP_REACHED, t, r.mode(), d, offences, how + cap, null, b);
    }
    Reason act =
        cfg.dryRun()
            ? Reason.DRY_RUN
            : b == Basis.PROVEN
                ? Reason.ISOLATE_PROVEN
                : b == Basis.FLOOD ? Reason.ISOLATE_FLOOD : Reason.ISOLATE;
    return new Decision(
        act, t, r.mode(), d, offences, how, pending == null ? null : pending.id(), b);
  }

  /** True when the questions about unproven sources within the trust window reach the budget. */
  static boolean unprovenBudgetSpent(ContainmentConfig cfg, History h, Instant now) {
    Instant since = now.minus(cfg.trust().unprovenWindow());
    long n = h.unprovenAsks().stream().filter(i -> i.isAfter(since)).count();
    return n >= cfg.trust().unprovenAsks();
  }

  /** Automatic actions that came in force within the cap's window ending at {@code now}. */
  static boolean capReached(ContainmentConfig cfg, History h, Instant now) {
    Instant since = now.minus(cfg.cap().window());
    long n =
        h.entries().stream()
            .filter(i -> Isolation.AUTO.equals(i.actor()) && activatedAfter(i, since))
            .count();
    return n >= cfg.cap().maxActions();
  }

  private static int offences(History h, String key, Instant since) {
    return (int)
        h.entries().stream()
            .filter(i -> i.kind() == IsolationKind.SOURCE_BLOCK)
            .filter(i -> i.target().key().equals(key) && activatedAfter(i, since))
            .count();
  }

  private static boolean activatedAfter(Isolation i, Instant since) {
    return i.activated() != null && i.activated().isAfter(since);
  }

  private static String offenceText(Request r, int offences) {
    if (!r.escalate()) {
      return "";
    }
    return offences == 0 ? " (first offence)" : " (repeat offence " + (offences + 1) + ")";
  }

  private static Isolation first(History h, Predicate<Isolation> p) {
    return h.entries().stream().filter(p).findFirst().orElse(null);
  }

  /** "10 min", "2 h 05 min", "45 s": the audit trail is read by people, not ISO-8601 parsers. */
  static String words(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600)
      return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    if (s >= 60) return (s / 60) + " min";
    return s + " s";
  }
}
