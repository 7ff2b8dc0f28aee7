package dev.vigie.detect.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered, JSON-friendly evidence map of a finding. */
final class Evidence {
  private final Map<String, Object> map = new LinkedHashMap<>();

  Evidence put(String key, Object value) {
    if (value != null) map.put(key, value instanceof Double d ? round(d) : value);
    return this;
  }

  Map<String, Object> build() {
    return Collections.unmodifiableMap(map);
  }

  /**
   * ISO-8601 text of a time in epoch microseconds, exactly as {@link java.time.Instant#toString()}
   * writes it ({@code 2026-11-24T06:01:49.155265Z}: the fraction in groups of three digits, none
   * when zero), by arithmetic on the digits instead of a {@code DateTimeFormatter}: every finding
   * of an open episode carries two of them each second. Years outside 0001-9999 take the JDK path.
   */
  static String iso(long micros) {
    long sec = Math.floorDiv(micros, 1_000_000L);
    int us = (int) Math.floorMod(micros, 1_000_000L);
    long days = Math.floorDiv(sec, 86_400L);
    int sod = (int) Math.floorMod(sec, 86_400L);
    // civil from days (H. Hinnant's algorithm), proleptic Gregorian as java.time
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) {
      return java.time.Instant.ofEpochSecond(sec, us * 1000L).toString();
    }
    char[] c = new char[27];
    int n = 0;
    n = digits(c, n, (int) year, 4);
    c[n++] = '-';
    n = digits(c, n, month, 2);
    c[n++] = '-';
    n = digits(c, n, day, 2);
    c[n++] = 'T';
    n = digits(c, n, sod / 3600, 2);
    c[n++] = ':';
    n = digits(c, n, sod / 60 % 60, 2);
    c[n++] = ':';
    n = digits(c, n, sod % 60, 2);
    if (us != 0) {
      c[n++] = '.';
      n = us % 1000 == 0 ? digits(c, n, us / 1000, 3) : digits(c, n, us, 6);
    }
    c[n++] = 'Z';
    return new String(c, 0, n);
  }

  private static int digits(char[] c, int n, int v, int width) {
    for (int i = n + width - 1; i >= n; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return n + width;
  }

  static Object round(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : Math.round(d * 10) / 10.0;
  }
}
