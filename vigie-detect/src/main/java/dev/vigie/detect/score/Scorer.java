package dev.vigie.detect.score;

import dev.vigie.detect.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores alerts against labelled anomalies, the Numenta Anomaly Benchmark way (Lavin and Ahmad
 * 2015) plus precision, recall and latency per kind.
 *
 * <p>Each label gets a window from its first attack packet to its last, stretched to at least
 * {@code minWindow} (a two-second attack would otherwise leave no room for a detection made when
 * the second ends). The first alert naming the label inside its window is a true positive scoring
 * {@code A_TP * sigma(y)}, with {@code y = (t - windowEnd) / windowLength} in [-1, 0] and {@code
 * sigma(y) = 2 / (1 + e^(5y)) - 1}: 0.987 at the window start, 0 at its end. Later alerts in the
 * window are neither rewarded nor punished. A window without alert costs {@code A_FN}. An alert
 * outside every window of its kind and parties is a false positive costing {@code A_FP} (NAB's
 * standard profile: A_TP 1, A_FP 0.11, A_FN 1). Alerts matching a tolerated label (a correct but
 * optional kind, e.g. SCAN for a SIPVicious enumeration) are ignored. The raw sum is normalised so
 * that a detector that never fires scores 0 and a perfect one 100. Pure function, O(labels x
 * alerts).
 */
public final class Scorer {
  public static final double A_TP = 1.0;
  public static final double A_FP = 0.11;
  public static final double A_FN = 1.0;

  private Scorer() {}

  public static double sigma(double y) {
    return 2 / (1 + Math.exp(5 * y)) - 1;
  }

  public static Score score(
      List<Label> labels, List<Label> tolerated, List<Detection> detections, Duration minWindow) {
    Map<AlertKind, int[]> counts = new EnumMap<>(AlertKind.class); // labels, found, alerts, tp
    Map<AlertKind, List<Duration>> latencies = new EnumMap<>(AlertKind.class);
    List<Detection> scored = new ArrayList<>();
    for (Detection d : detections) {
      if (tolerated.stream().noneMatch(t -> t.names(d) && inWindow(t, d.at(), minWindow)))
        scored.add(d);
    }
    double raw = 0;
    int missed = 0;
    boolean[] matched = new boolean[scored.size()];
    for (Label l : labels) {
      int[] c = counts.computeIfAbsent(l.kind(), k -> new int[4]);
      c[0]++;
      Instant windowEnd = windowEnd(l, minWindow);
      double length = Math.max(1, Duration.between(l.start(), windowEnd).toNanos());
      Detection first = null;
      for (int i = 0; i < scored.size(); i++) {
        Detection d = scored.get(i);
        if (!l.names(d) || !inWindow(l, d.at(), minWindow)) continue;
        matched[i] = true;
        if (first == null || d.at().isBefore(first.at())) first = d;
      }
      if (first == null) {
        raw -= A_FN;
        missed++;
        continue;
      }
      c[1]++;
      double y = Math.max(-1, Duration.between(windowEnd, first.at()).toNanos() / length);
      raw += A_TP * sigma(y);
      latencies
          .computeIfAbsent(l.kind(), k -> new ArrayList<>())
          .add(Duration.between(l.start(), first.at()));
    }
    int falsePositives = 0;
    for (int i = 0; i < scored.size(); i++) {
      int[] c = counts.computeIfAbsent(scored.get(i).kind(), k -> new int[4]);
      c[2]++;
      if (matched[i]) c[3]++;
      else {
        falsePositives++;
        raw -= A_FP;
      }
    }
    double nullScore = -A_FN * labels.size();
    double perfect = A_TP * sigma(-1) * labels.size();
    double nab =
        labels.isEmpty()
            ? (falsePositives == 0 ? 100 : 0)
            : 100 * (raw - nullScore) / (perfect - nullScore);
    Map<AlertKind, KindScore> perKind = new EnumMap<>(AlertKind.class);
    counts.forEach((k, c) -> {
      List<Duration> ls = latencies.getOrDefault(k, List.of());
      Duration mean =
          ls.isEmpty()
              ? null
              : ls.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(ls.size());
      Duration max = ls.stream().max(Duration::compareTo).orElse(null);
      perKind.put(k, new KindScore(k, c[0], c[1], c[2], c[3], mean, max));
    });
    return new Score(perKind, nab, falsePositives, missed);
  }

  private static Instant windowEnd(Label l, Duration minWindow) {
    Instant stretched = l.start().plus(minWindow);
    return l.end().isAfter(stretched) ? l.end() : stretched;
  }

  /** Inside [start - 1 s, window end]: a second of slack for the label's and the alert's clocks. */
  private static boolean inWindow(Label l, Instant t, Duration minWindow) {
    return !t.isBefore(l.start().minusSeconds(1)) && !t.isAfter(windowEnd(l, minWindow));
  }

  /** A plain-text table: one line per kind, then the NAB score. */
  public static String table(Score s) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%-16s %6s %6s %6s %9s %7s %11s %11s%n",
            "kind",
            "labels",
            "found",
            "alerts",
            "precision",
            "recall",
            "latency(ms)",
            "worst(ms)"));
    s.perKind()
        .forEach((k, v) ->
            sb.append(
                String.format(
                    "%-16s %6d %6d %6d %9.2f %7.2f %11s %11s%n",
                    k,
                    v.labels(),
                    v.found(),
                    v.alerts(),
                    v.precision(),
                    v.recall(),
                    v.meanLatency() == null ? "-" : Long.toString(v.meanLatency().toMillis()),
                    v.maxLatency() == null ? "-" : Long.toString(v.maxLatency().toMillis()))));
    sb.append(
        String.format(
            "NAB score (standard profile): %.1f (false positives %d, missed %d)%n",
            s.nab(), s.falsePositives(), s.missed()));
    return sb.toString();
  }
}
