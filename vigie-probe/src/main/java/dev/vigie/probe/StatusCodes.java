package dev.vigie.probe;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A set of SIP status codes written as comma-separated codes and ranges, e.g. {@code
 * "200-407,409-499"}. Immutable; {@link #contains(int)} is O(1) (a bit set over 100-699).
 */
public final class StatusCodes {
  /** OPTIONS default: any final answer of a live SIP stack, except 408 (a timeout further on). */
  public static final StatusCodes OPTIONS_DEFAULT = parse("200-407,409-499");

  /** REGISTER default: a success. */
  public static final StatusCodes REGISTER_DEFAULT = parse("200-299");

  private final BitSet codes;
  private final String text;

  private StatusCodes(BitSet codes, String text) {
    this.codes = codes;
    this.text = text;
  }

  /**
   * Parses a list such as {@code "200-299, 404"}.
   *
   * @throws IllegalArgumentException naming the bad element when a code is not a number in 100-699
   *     or a range is reversed
   */
  public static StatusCodes parse(String spec) {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty list of codes");
    BitSet set = new BitSet(700);
    List<String> parts = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      String p = raw.strip();
      int dash = p.indexOf('-');
      int lo = code(dash < 0 ? p : p.substring(0, dash), p);
      int hi = dash < 0 ? lo : code(p.substring(dash + 1), p);
      if (hi < lo) throw new IllegalArgumentException("'" + p + "' is a reversed range");
      set.set(lo, hi + 1);
      parts.add(lo == hi ? Integer.toString(lo) : lo + "-" + hi);
    }
    return new StatusCodes(set, String.join(",", parts));
  }

  private static int code(String s, String element) {
    try {
      int c = Integer.parseInt(s.strip());
      if (c >= 100 && c <= 699) return c;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + element + "' is not a status code or range in 100-699");
  }

  public boolean contains(int code) {
    return code >= 0 && codes.get(code);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusCodes s && s.codes.equals(codes);
  }

  @Override
  public int hashCode() {
    return codes.hashCode();
  }

  /** The normalised list, parseable again. */
  @Override
  public String toString() {
    return text;
  }
}
