package dev.vigie.detect.rule;

import static dev.vigie.detect.threshold.Threshold.BASELINE_DEVIATION;
import static dev.vigie.detect.threshold.Threshold.MACHINE_CALLS_PER_MINUTE;
import static dev.vigie.detect.threshold.Threshold.MACHINE_CALLS_PER_SECOND;
import static dev.vigie.detect.threshold.Threshold.MACHINE_DISTINCT_DESTINATIONS;
import static dev.vigie.detect.threshold.Threshold.MACHINE_INBOUND_REQUESTS_PER_SECOND;
import static dev.vigie.detect.threshold.Threshold.MACHINE_INTERNATIONAL_CALLS_PER_MINUTE;
import static dev.vigie.detect.threshold.Threshold.MACHINE_REQUESTS_PER_SECOND;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.baseline.BaselineView;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules about one hosted machine: pure functions of a {@link MachineSnapshot}. */
public final class MachineRules {
  private MachineRules() {}

  /** FLOOD towards a machine: all remote sources together beyond its inbound thresholds. */
  public static Optional<Finding> inboundFlood(MachineSnapshot m, Thresholds t) {
    int grade =
        t.level(m.machine(), MACHINE_INBOUND_REQUESTS_PER_SECOND).grade(m.inboundPerSecond());
    if (grade == 0) return Optional.empty();
    return Optional.of(
        Finding.lazy(
            AlertKind.FLOOD,
            Finding.severity(grade),
            m.inboundPerSecond(),
            null,
            () -> "SIP flood towards " + m.machine() + ": " + m.inboundPerSecond() + " requests/s",
            () ->
                new Evidence()
                    .put("requestsPerSecond", m.inboundPerSecond())
                    .put("topSources", m.topSources())
                    .put("firstPacket", m.firstPacket())
                    .put("lastPacket", m.lastPacket())
                    .build()));
  }

  /**
   * MACHINE_TRAFFIC: the machine's own requests, calls or distinct called numbers beyond its
   * thresholds, or (once the baseline is warm) far above what it usually does at this hour. The
   * baseline only alarms on a value at least a quarter of the warning threshold, so a quiet machine
   * does not alarm on a handful of calls.
   */
  public static Optional<Finding> machineTraffic(MachineSnapshot m, Thresholds t) {
    int grade = machineTrafficGrade(m, t, null);
    if (grade == 0) return Optional.empty();
    double magnitude = Math.max(m.outboundPerSecond(), m.callsPerMinute());
    return Optional.of(
        Finding.lazy(
            AlertKind.MACHINE_TRAFFIC,
            Finding.severity(grade),
            magnitude,
            null,
            () -> {
              List<String> reasons = new ArrayList<>();
              machineTrafficGrade(m, t, reasons);
              return "Abnormal own traffic of " + m.machine() + ": " + String.join(", ", reasons);
            },
            () ->
                new Evidence()
                    .put("client", m.client())
                    .put("address", m.address())
                    .put("requestsPerSecond", m.outboundPerSecond())
                    .put("callsPerSecond", m.callsPerSecond())
                    .put("callsPerMinute", m.callsPerMinute())
                    .put("internationalCallsPerMinute", m.internationalPerMinute())
                    .put("distinctDestinations", m.distinctDestinations())
                    .put("sampleDestinations", m.sampleDestinations())
                    .put(
                        "baselineRequestsPerSecond",
                        m.outboundBaseline().warmedUp() ? m.outboundBaseline().mean() : null)
                    .put(
                        "baselineCallsPerMinute",
                        m.callsBaseline().warmedUp() ? m.callsBaseline().mean() : null)
                    .put("firstPacket", m.firstPacket())
                    .put("lastPacket", m.lastPacket())
                    .build()));
  }

  /**
   * The grade of MACHINE_TRAFFIC; with {@code reasons} not null, the text of each level reached is
   * added to it (only when the summary is made).
   */
  private static int machineTrafficGrade(MachineSnapshot m, Thresholds t, List<String> reasons) {
    int grade =
        check(m, t, MACHINE_REQUESTS_PER_SECOND, m.outboundPerSecond(), "requests/s", reasons);
    grade =
        Math.max(
            grade, check(m, t, MACHINE_CALLS_PER_SECOND, m.callsPerSecond(), "calls/s", reasons));
    grade =
        Math.max(
            grade, check(m, t, MACHINE_CALLS_PER_MINUTE, m.callsPerMinute(), "calls/min", reasons));
    grade =
        Math.max(
            grade,
            check(
                m,
                t,
                MACHINE_INTERNATIONAL_CALLS_PER_MINUTE,
                m.internationalPerMinute(),
                "international calls/min",
                reasons));
    grade =
        Math.max(
            grade,
            check(
                m,
                t,
                MACHINE_DISTINCT_DESTINATIONS,
                m.distinctDestinations(),
                "distinct numbers called/min",
                reasons));
    grade =
        Math.max(
            grade,
            baseline(
                m,
                t,
                MACHINE_REQUESTS_PER_SECOND,
                m.outboundBaseline(),
                m.outboundPerSecond(),
                "requests/s",
                reasons));
    return Math.max(
        grade,
        baseline(
            m,
            t,
            MACHINE_CALLS_PER_MINUTE,
            m.callsBaseline(),
            m.callsPerMinute(),
            "calls/min",
            reasons));
  }

  private static int check(
      MachineSnapshot m,
      Thresholds t,
      Threshold th,
      long value,
      String unit,
      List<String> reasons) {
    Level l = t.level(m.machine(), th);
    int g = l.grade(value);
    if (g > 0 && reasons != null)
      reasons.add(
          value
              + " "
              + unit
              + " ("
              + (g == 2 ? "critical " : "warning ")
              + Evidence.round(g == 2 ? l.critical() : l.warning())
              + ")");
    return g;
  }

  private static int baseline(
      MachineSnapshot m,
      Thresholds t,
      Threshold floor,
      BaselineView b,
      long value,
      String unit,
      List<String> reasons) {
    if (!b.warmedUp() || value < t.level(m.machine(), floor).warning() / 4) return 0;
    int g = t.level(m.machine(), BASELINE_DEVIATION).grade(b.zScore(value));
    if (g > 0 && reasons != null)
      reasons.add(value + " " + unit + " against a baseline of " + Evidence.round(b.mean()));
    return g;
  }
}
