package dev.vigie.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe. {@code at} is when the probe started (injected clock); {@code rtt} is
 * the measured time from the first transmission of the final transaction's request to its final
 * response (for a failure: the time until the failure was known, e.g. the timeout); {@code code} is
 * the final status code, 0 when there was none.
 */
public sealed interface ProbeResult {
  Instant at();

  Duration rtt();

  int code();

  /** The target answered with an accepted code. */
  record Up(Instant at, int code, Duration rtt) implements ProbeResult {}

  /** The target answered 503 Service Unavailable: alive, but refusing service (maintenance). */
  record Maintenance(Instant at, int code, Duration rtt) implements ProbeResult {}

  /** The target did not answer as expected; {@code detail} says what happened, for people. */
  record Failed(Instant at, FailureReason reason, String detail, int code, Duration rtt)
      implements ProbeResult {}

  /** A short text for checklists and logs: {@code UP 200 3 ms}, {@code FAILED TIMEOUT ...}. */
  static String describe(ProbeResult r) {
    long ms = r.rtt().toMillis();
    return switch (r) {
      case Up u -> "UP " + u.code() + " in " + ms + " ms";
      case Maintenance m -> "MAINTENANCE " + m.code() + " in " + ms + " ms";
      case Failed f -> "FAILED " + f.reason() + " (" + f.detail() + ") after " + ms + " ms";
    };
  }
}
