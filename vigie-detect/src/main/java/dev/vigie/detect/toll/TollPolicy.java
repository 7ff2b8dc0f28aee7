package dev.vigie.detect.toll;

import java.util.List;

/**
 * Classifies a dialled number for toll-fraud rules. Numbers are normalised first: separators
 * dropped, a leading {@code +} or {@code 011} becomes {@code 00}, and an outside-line digit before
 * {@code 00} (e.g. {@code 9} or {@code 0} in {@code 900882...}) is removed. International means
 * starting with {@code 00}; premium means matching the deny-list (satellite and international
 * premium-rate ranges favoured by revenue-share fraud). Immutable.
 *
 * @param premiumPrefixes deny-list in {@code 00} form
 */
public record TollPolicy(List<String> premiumPrefixes) {

  /**
   * ITU shared ranges abused by IRSF: GMSS satellite (881), international networks (882, 883),
   * Inmarsat (870), international premium rate (979), plus UIFN-like 008/009x ranges.
   */
  public static final List<String> DEFAULT_PREMIUM =
      List.of("00881", "00882", "00883", "00870", "00979", "00991", "00888");

  public TollPolicy {
    premiumPrefixes = List.copyOf(premiumPrefixes);
  }

  public static TollPolicy defaults() {
    return new TollPolicy(DEFAULT_PREMIUM);
  }

  /** How a number is treated. */
  public enum NumberClass {
    /** Extensions, short and national numbers: not counted. */
    LOCAL,
    /** International to a prefix the machine is allowed to call. */
    ALLOWED,
    /** International outside the allowed prefixes. */
    INTERNATIONAL,
    /** A premium range of the deny-list. */
    PREMIUM
  }

  public NumberClass classify(String normalised, List<String> allowedPrefixes) {
    if (normalised == null || !normalised.startsWith("00")) return NumberClass.LOCAL;
    for (String p : premiumPrefixes) if (normalised.startsWith(p)) return NumberClass.PREMIUM;
    for (String a : allowedPrefixes)
      if (normalised.startsWith(normalise(a))) return NumberClass.ALLOWED;
    return NumberClass.INTERNATIONAL;
  }

  /**
   * Digits only, {@code 00} for international; null when no digits. A character written as an
   * escape ({@code %2B}, {@code %30}: RFC 3261 section 19.1.2) counts as itself, as the SIP stack
   * of the PBX or proxy that routes the call reads it (so {@code sip:%2B88216...} is the satellite
   * number it dials), except that an escaped {@code ;} or {@code @} is data, not the end of the
   * user.
   */
  public static String normalise(String number) {
    if (number == null) return null;
    StringBuilder sb = new StringBuilder(number.length() + 1);
    boolean plus = false;
    int n = number.length();
    for (int i = 0; i < n; i++) {
      char c = number.charAt(i);
      boolean escaped = false;
      if (c == '%' && i + 2 < n) {
        int v = unescape(number.charAt(i + 1), number.charAt(i + 2));
        if (v >= 0) {
          c = (char) v;
          i += 2;
          escaped = true;
        }
      }
      if (c >= '0' && c <= '9') sb.append(c);
      else if (c == '+' && sb.isEmpty()) plus = true;
      else if (!escaped && (c == ';' || c == '@')) break;
    }
    if (sb.isEmpty()) return null;
    String d = sb.toString();
    if (plus) return "00" + d;
    if (d.startsWith("011") && d.length() > 8) return "00" + d.substring(3);
    if (d.length() > 8 && (d.startsWith("900") || d.startsWith("000"))) return d.substring(1);
    return d;
  }

  /**
   * False when the number in {@code b[s, e)} (ASCII bytes, as in a Request-URI) cannot be
   * international whatever the policy: {@link #normalise} of its text would not start with {@code
   * 00}. Lets the caller skip making strings for the local calls that are most of the traffic.
   */
  public static boolean mayBeInternational(byte[] b, int s, int e) {
    int digits = 0;
    int first3 = 0; // the first three digits as a number, with a leading 1 (so "007" is 1007)
    for (int i = s; i < e; i++) {
      int c = b[i];
      boolean escaped = false;
      if (c == '%' && i + 2 < e) { // an escape counts as the character it stands for
        int v = unescape(b[i + 1], b[i + 2]);
        if (v >= 0) {
          c = v;
          i += 2;
          escaped = true;
        }
      }
      if (c >= '0' && c <= '9') {
        if (digits < 3) first3 = (digits == 0 ? 10 : first3 * 10) + (c - '0');
        digits++;
      } else if (c == '+' && digits == 0) return true;
      else if (!escaped && (c == ';' || c == '@')) break;
    }
    if (digits < 2) return false;
    if (digits == 2) return first3 == 100; // "00"
    return first3 / 10 == 100 // "00x"
        || (digits > 8 && (first3 == 1011 || first3 == 1900));
  }

  /** The byte {@code %hl} stands for, -1 when {@code h} or {@code l} is not a hex digit. */
  private static int unescape(int h, int l) {
    int a = hex(h);
    int b = hex(l);
    return a < 0 || b < 0 ? -1 : a << 4 | b;
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /** The prefix used for "sequential calls to the same prefix": the first 7 digits. */
  public static String prefix(String normalised) {
    return normalised.length() <= 7 ? normalised : normalised.substring(0, 7);
  }
}
