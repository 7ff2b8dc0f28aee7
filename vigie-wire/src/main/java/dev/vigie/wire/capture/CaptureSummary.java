package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What decoding one capture (or several, {@link #plus}) gave.
 *
 * @param source the file name, or "memory"
 * @param format the format recognised
 * @param packets packets (records) read; for SIP text and HEP files, messages / HEP packets
 * @param sipMessages SIP messages delivered to the sink
 * @param malformed malformed items reported to the sink
 * @param malformedByReason the same, counted by {@code "layer: reason"}
 * @param keepAlives CRLF and HEP keep-alives seen (neither SIP nor malformed)
 * @param firstPacketMicros earliest packet timestamp (microseconds since the epoch), or -1
 * @param lastPacketMicros latest packet timestamp, or -1
 * @param truncated true when the file ended inside a record (what was read is counted)
 * @param error why the file could not be read (not a capture, impossible block, I/O error), naming
 *     the file; null when it was read
 */
public record CaptureSummary(
    String source,
    CaptureFormat format,
    long packets,
    long sipMessages,
    long malformed,
    Map<String, Long> malformedByReason,
    long keepAlives,
    long firstPacketMicros,
    long lastPacketMicros,
    boolean truncated,
    Malformed error) {

  public CaptureSummary {
    malformedByReason = Map.copyOf(malformedByReason);
  }

  /** True when the file was read (possibly truncated): the CLI exits 0. */
  public boolean ok() {
    return error == null;
  }

  public Optional<Instant> firstPacket() {
    return firstPacketMicros < 0 ? Optional.empty() : Optional.of(instant(firstPacketMicros));
  }

  public Optional<Instant> lastPacket() {
    return lastPacketMicros < 0 ? Optional.empty() : Optional.of(instant(lastPacketMicros));
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** The sum of two summaries (several files of one analysis); the first error is kept. */
  public CaptureSummary plus(CaptureSummary o) {
    Map<String, Long> reasons = new TreeMap<>(malformedByReason);
    o.malformedByReason.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    return new CaptureSummary(
        source + "," + o.source,
        format == o.format ? format : CaptureFormat.UNKNOWN,
        packets + o.packets,
        sipMessages + o.sipMessages,
        malformed + o.malformed,
        reasons,
        keepAlives + o.keepAlives,
        min(firstPacketMicros, o.firstPacketMicros),
        Math.max(lastPacketMicros, o.lastPacketMicros),
        truncated || o.truncated,
        error != null ? error : o.error);
  }

  private static long min(long a, long b) {
    if (a < 0) return b;
    if (b < 0) return a;
    return Math.min(a, b);
  }
}
