package dev.vigie.detect.engine;

import java.util.List;
import java.util.Locale;

/**
 * User-Agents of known SIP scanners (REFERENCE.md). A match is a hint, never required: a forged
 * User-Agent does not hide a scan, behaviour does the work. {@code Z 5.x} is deliberately absent:
 * Zoiper 5 softphones send it legitimately, so it would name innocent phones.
 */
public final class ScannerSignatures {
  private static final List<String> NEEDLES =
      List.of(
          "friendly-scanner",
          "sipcli",
          "sipvicious",
          "vaxsipuseragent",
          "pplsip",
          "iwar",
          "sundayddr");

  private ScannerSignatures() {}

  /** True when the User-Agent contains a known scanner's name (case-insensitive). */
  public static boolean matches(String userAgent) {
    if (userAgent == null) return false;
    String ua = userAgent.toLowerCase(Locale.ROOT);
    for (String n : NEEDLES) if (ua.contains(n)) return true;
    return false;
  }
}
