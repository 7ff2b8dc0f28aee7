package dev.vigie.detect.rule;

import static dev.vigie.detect.threshold.Threshold.CALLS_PER_MINUTE;
import static dev.vigie.detect.threshold.Threshold.CONCURRENT_CALLS;
import static dev.vigie.detect.threshold.Threshold.PREMIUM_CALLS_PER_MINUTE;
import static dev.vigie.detect.threshold.Threshold.SEQUENTIAL_CALLS;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TOLL_FRAUD: premium-range calls, or international calls beyond policy (per minute, concurrent,
 * sequential to the same prefix) for one extension. Pure function of a {@link TollSnapshot}.
 */
public final class TollRule {
  private TollRule() {}

  public static Optional<Finding> evaluate(TollSnapshot s, Thresholds t) {
    int grade = grade(s, t, null);
    if (grade == 0) return Optional.empty();
    return Optional.of(
        Finding.lazy(
            AlertKind.TOLL_FRAUD,
            Finding.severity(grade),
            Math.max(s.premiumPerMinute(), s.internationalPerMinute()),
            null,
            () -> {
              List<String> reasons = new ArrayList<>();
              grade(s, t, reasons);
              String who =
                  s.machine() != null
                      ? s.machine()
                      : s.source() != null ? s.source() : "a CDR file";
              return "Toll fraud suspected on extension "
                  + s.extension()
                  + " of "
                  + who
                  + ": "
                  + String.join(", ", reasons);
            },
            () ->
                new Evidence()
                    .put("extension", s.extension())
                    .put("premiumCallsPerMinute", s.premiumPerMinute())
                    .put("internationalCallsPerMinute", s.internationalPerMinute())
                    .put("concurrentCalls", s.concurrent())
                    .put("sequentialCalls", s.sequential())
                    .put("sampleNumbers", s.sampleNumbers())
                    .put("firstPacket", s.firstPacket())
                    .put("lastPacket", s.lastPacket())
                    .build()));
  }

  /** The grade; with {@code reasons} not null, the text of each level reached is added to it. */
  private static int grade(TollSnapshot s, Thresholds t, List<String> reasons) {
    int grade =
        g(s, t, PREMIUM_CALLS_PER_MINUTE, s.premiumPerMinute(), "premium-rate calls/min", reasons);
    grade =
        Math.max(
            grade,
            g(
                s,
                t,
                CALLS_PER_MINUTE,
                s.internationalPerMinute(),
                "international calls/min",
                reasons));
    grade =
        Math.max(
            grade,
            g(s, t, CONCURRENT_CALLS, s.concurrent(), "concurrent international calls", reasons));
    return Math.max(
        grade,
        g(s, t, SEQUENTIAL_CALLS, s.sequential(), "consecutive calls to one prefix", reasons));
  }

  private static int g(
      TollSnapshot s, Thresholds t, Threshold th, long v, String what, List<String> reasons) {
    int g = t.level(s.machine(), th).grade(v);
    if (g > 0 && reasons != null) reasons.add(v + " " + what);
    return g;
  }
}
