package dev.vigie.detect.score;

import dev.vigie.detect.AlertKind;
import java.time.Duration;

/**
 * Precision, recall and latency for one alert kind.
 *
 * @param labels labelled anomalies of this kind
 * @param found labels detected in their window
 * @param alerts alerts of this kind (tolerated ones excluded)
 * @param truePositives alerts that name a label of this kind in its window
 * @param meanLatency mean time from a found label's first packet to its first alert (null if none)
 * @param maxLatency the worst of those (null if none)
 */
public record KindScore(
    AlertKind kind,
    int labels,
    int found,
    int alerts,
    int truePositives,
    Duration meanLatency,
    Duration maxLatency) {

  /** True positives over alerts; 1 when there was no alert. */
  public double precision() {
    return alerts == 0 ? 1.0 : (double) truePositives / alerts;
  }

  /** Found labels over labels; 1 when there was no label. */
  public double recall() {
    return labels == 0 ? 1.0 : (double) found / labels;
  }
}
