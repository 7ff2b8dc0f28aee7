package dev.vigie.detect.engine;

import java.time.Instant;

/**
 * ISO-8601 text of a capture time in microseconds, exactly as {@link Instant#toString()} writes it,
 * without running a {@code DateTimeFormatter} for every snapshot: the date-time part of the last 16
 * distinct seconds is cached (direct-mapped by second) and only the fraction is appended. Rules
 * snapshot every touched source each second, so the same few seconds are formatted again and again.
 * O(1) per call after the first of a second. Not thread-safe (one per engine).
 */
final class IsoText {
  private static final long MICROS = 1_000_000L;
  private final long[] seconds = new long[16];
  private final String[] prefixes = new String[16];

  String format(long micros) {
    long sec = Math.floorDiv(micros, MICROS);
    int us = (int) Math.floorMod(micros, MICROS);
    int i = (int) (sec & 15);
    String p = prefixes[i];
    if (p == null || seconds[i] != sec) {
      String whole = Instant.ofEpochSecond(sec).toString(); // "...:ssZ"
      p = whole.substring(0, whole.length() - 1);
      prefixes[i] = p;
      seconds[i] = sec;
    }
    if (us == 0) return p + "Z";
    // Instant.toString prints the fraction in groups of three digits, dropping trailing zero groups
    if (us % 1000 == 0) return p + '.' + digits(us / 1000, 3) + 'Z';
    return p + '.' + digits(us, 6) + 'Z';
  }

  private static String digits(int v, int width) {
    String s = Integer.toString(v);
    return s.length() >= width ? s : "000000".substring(0, width - s.length()) + s;
  }
}
