package dev.vigie.detect.rule;

import static dev.vigie.detect.threshold.Threshold.AUTH_FAILURES;
import static dev.vigie.detect.threshold.Threshold.ENUMERATION_DISTINCT_USERS;
import static dev.vigie.detect.threshold.Threshold.ENUMERATION_FAILURE_PERCENT;
import static dev.vigie.detect.threshold.Threshold.REQUESTS_PER_SECOND;
import static dev.vigie.detect.threshold.Threshold.SCAN_DISTINCT_TARGETS;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.threshold.Thresholds;
import java.util.Optional;

/**
 * The rules about one remote source: pure functions of a {@link SourceSnapshot} and the current
 * thresholds (those of the machine the source targets). Each returns at most one finding.
 */
public final class SourceRules {
  private SourceRules() {}

  /**
   * SCAN: many destination address:port pairs (behaviour, whatever the User-Agent), or a known
   * scanner User-Agent. A signature alone gives a warning and adds a level to the behaviour's. A
   * signature is not reported as SCAN when the source's behaviour is already enumeration or
   * password guessing: those kinds describe it better (SIPVicious tools all say friendly-scanner).
   */
  public static Optional<Finding> scan(SourceSnapshot s, Thresholds t) {
    int behaviour = t.level(s.machine(), SCAN_DISTINCT_TARGETS).grade(s.distinctTargets());
    int grade = behaviour;
    if (s.scannerSignature()) {
      // a signature alone waits for a second of activity (or a lone probe of a few packets),
      // so that a flood or an enumeration starting in the same second is reported as such
      boolean settled = s.activeMillis() >= 1000 || s.requests() <= 3;
      if (behaviour == 0 && (!settled || explainedOtherwise(s, t))) return Optional.empty();
      grade = Math.min(2, behaviour + 1);
    }
    if (grade == 0) return Optional.empty();
    String why =
        behaviour > 0
            ? s.distinctTargets() + " destinations probed in 60 s"
            : "known scanner User-Agent";
    return Optional.of(
        Finding.lazy(
            AlertKind.SCAN,
            Finding.severity(grade),
            s.distinctTargets(),
            s.proof(),
            () -> "SIP scan from " + s.source() + ": " + why,
            () ->
                common(s)
                    .put("distinctTargets", s.distinctTargets())
                    .put("sampleTargets", s.sampleTargets())
                    .put("scannerSignature", s.scannerSignature())
                    .build()));
  }

  /** True when password guessing, enumeration or a flood describes the source's behaviour. */
  static boolean explainedOtherwise(SourceSnapshot s, Thresholds t) {
    return t.level(s.machine(), AUTH_FAILURES).grade(s.authFailures()) > 0
        || enumerationGrade(s, t) > 0
        || t.level(s.machine(), REQUESTS_PER_SECOND).grade(s.requestsPerSecond()) > 0;
  }

  /** ENUMERATION: many distinct extensions tried, most of them refused. */
  public static Optional<Finding> enumeration(SourceSnapshot s, Thresholds t) {
    int grade = enumerationGrade(s, t);
    if (grade == 0) return Optional.empty();
    return Optional.of(
        Finding.lazy(
            AlertKind.ENUMERATION,
            Finding.severity(grade),
            s.distinctUsers(),
            s.proof(),
            () ->
                "Extension enumeration from "
                    + s.source()
                    + ": "
                    + s.distinctUsers()
                    + " extensions tried, "
                    + Math.round(s.refusedPercent())
                    + "% refused",
            () ->
                common(s)
                    .put("distinctUsers", s.distinctUsers())
                    .put("sampleUsers", s.sampleUsers())
                    .put("refused", s.refused())
                    .put("refusedPercent", s.refusedPercent())
                    .build()));
  }

  static int enumerationGrade(SourceSnapshot s, Thresholds t) {
    int users = t.level(s.machine(), ENUMERATION_DISTINCT_USERS).grade(s.distinctUsers());
    int refused = t.level(s.machine(), ENUMERATION_FAILURE_PERCENT).grade(s.refusedPercent());
    // both must hold: many users AND mostly refused (a restart storm's users are accepted)
    return Math.min(users, refused);
  }

  /** BRUTE_FORCE: repeated failed authentication (a challenge then a success is not a failure). */
  public static Optional<Finding> bruteForce(SourceSnapshot s, Thresholds t) {
    int grade = t.level(s.machine(), AUTH_FAILURES).grade(s.authFailures());
    if (grade == 0) return Optional.empty();
    return Optional.of(
        Finding.lazy(
            AlertKind.BRUTE_FORCE,
            Finding.severity(grade),
            s.authFailures(),
            s.proof(),
            () ->
                "Password guessing from "
                    + s.source()
                    + ": "
                    + s.authFailures()
                    + " failed authentications in 60 s for "
                    + String.join(", ", s.authUsers()),
            () ->
                common(s)
                    .put("authFailures", s.authFailures())
                    .put("users", s.authUsers())
                    .build()));
  }

  /**
   * FLOOD from one source: its request rate beyond the thresholds. At the warning level a source
   * already reported as enumerating or guessing passwords is not also a flood (SIPVicious runs at a
   * hundred requests a second); the critical level always is.
   */
  public static Optional<Finding> flood(SourceSnapshot s, Thresholds t) {
    int grade = t.level(s.machine(), REQUESTS_PER_SECOND).grade(s.requestsPerSecond());
    if (grade == 0) return Optional.empty();
    if (grade == 1
        && (t.level(s.machine(), AUTH_FAILURES).grade(s.authFailures()) > 0
            || enumerationGrade(s, t) > 0)) {
      return Optional.empty();
    }
    // volume that is itself the harm: the one ground for blocking a source never proven
    String proof = grade == 2 && !s.proven() ? SourceSnapshot.VOLUME : s.proof();
    return Optional.of(
        Finding.lazy(
            AlertKind.FLOOD,
            Finding.severity(grade),
            s.requestsPerSecond(),
            proof,
            () -> "SIP flood from " + s.source() + ": " + s.requestsPerSecond() + " requests/s",
            () -> common(s).put("proof", proof).build()));
  }

  private static Evidence common(SourceSnapshot s) {
    return new Evidence()
        .put("requestsPerSecond", s.requestsPerSecond())
        .put("requests", s.requests())
        .put("userAgents", s.userAgents())
        .put("firstPacket", s.firstPacket())
        .put("lastPacket", s.lastPacket())
        .put("proof", s.proof());
  }
}
