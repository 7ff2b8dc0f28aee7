package dev.vigie.detect.score;

import dev.vigie.detect.AlertKind;
import java.util.Map;

/**
 * The result of {@link Scorer#score}.
 *
 * @param perKind precision, recall and latency per alert kind (kinds with labels or alerts)
 * @param nab NAB score with the standard profile, normalised: 0 for a detector that never fires,
 *     100 for one that fires at the start of every window and nowhere else
 * @param falsePositives alerts matching no label window (tolerated ones excluded)
 * @param missed labels without an alert in their window
 */
public record Score(
    Map<AlertKind, KindScore> perKind, double nab, int falsePositives, int missed) {}
