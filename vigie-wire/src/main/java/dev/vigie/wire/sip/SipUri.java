package dev.vigie.wire.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Lazy extraction of parts of URIs and header values from a byte range, used by {@link
 * SipMessage}'s accessors. Works on {@code name-addr} ({@code "Bob" <sip:bob@host;p>;tag=x}) and
 * {@code addr-spec} ({@code sip:bob@host;tag=x}) forms. Every method returns null when the part is
 * absent and never throws on odd input.
 */
final class SipUri {
  private SipUri() {}

  /** The user part of the URI in [s, e): between the scheme and '@'. */
  static String user(byte[] b, int s, int e) {
    long r = userRange(b, s, e);
    if (r < 0) return null;
    int us = (int) (r >>> 32);
    return new String(b, us, (int) r - us, StandardCharsets.UTF_8);
  }

  /** Where the user part is: {@code start << 32 | end}, or -1 when absent. */
  static long userRange(byte[] b, int s, int e) {
    if (s <= 0) return -1;
    return userRangeFrom(b, uriStart(b, s, e), e, false);
  }

  /**
   * {@link #userRange} for a Request-URI ([s, e) of the start line: an addr-spec, no display name,
   * no angle brackets), without the search for a {@code <} first: one pass over its bytes. Same
   * result for any input (a range that is not a plain addr-spec takes the general path).
   */
  static long requestUserRange(byte[] b, int s, int e) {
    if (s <= 0) return -1;
    if (s < e && (b[s] == ' ' || b[s] == '\t')) return userRange(b, s, e);
    long r = userRangeFrom(b, s, e, true);
    return r == NOT_PLAIN ? userRange(b, s, e) : r;
  }

  private static final long NOT_PLAIN = -2;

  /** The bytes {@link #userRangeFrom} has to look at; it skips the others in a tight loop. */
  private static final boolean[] SPECIAL = new boolean[256];

  static {
    for (char c : "@>;: \t\r\n<\"".toCharArray()) SPECIAL[c] = true;
  }

  /**
   * The user part of the URI starting at {@code us}: where {@link #uriEnd} stops, the scheme's
   * {@code :}, the {@code @} and the user's end (a password or user parameters follow it), in one
   * pass. With {@code plain}, also checks up to {@code e} that there is no {@code <} or {@code "}
   * (else {@link #NOT_PLAIN}).
   */
  private static long userRangeFrom(byte[] b, int us, int e, boolean plain) {
    int ue = -1; // where uriEnd stops
    boolean seenAt = false;
    int colon = -1;
    int sep = -1; // the first ':' or ';' of the user part
    for (int i = us; ; i++) {
      while (i < e && !SPECIAL[b[i] & 0xFF]) i++; // digits and letters: nothing to decide
      if (i >= e) break;
      byte c = b[i];
      if (plain && (c == '<' || c == '"')) return NOT_PLAIN;
      if (ue >= 0) continue; // only looking for '<' now
      if (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ue = i;
        if (!plain) break;
        continue;
      }
      if (c == '@') {
        if (colon >= 0) { // the first '@' after the scheme
          // the user part is decided: what follows can only make the range not plain
          long r = (long) (colon + 1) << 32 | (sep >= 0 ? sep : i);
          return !plain || noAngleOrQuote(b, i + 1, e) ? r : NOT_PLAIN;
        }
        seenAt = true;
      } else if (c == ';' && seenAt) {
        ue = i;
        if (!plain) break;
        continue;
      }
      if (colon < 0) {
        if (c == ':') colon = i;
      } else if (sep < 0 && (c == ':' || c == ';')) sep = i;
    }
    if (ue < 0) ue = e;
    if (colon < 0) return -1;
    if (!isTel(b, us, colon)) return -1; // no '@' after the scheme: only tel: has a user
    int end = colon + 1; // tel:+441234;phone-context=... (RFC 3966): the number is the user
    while (end < ue && b[end] != ';' && b[end] != '>') end++;
    return end == colon + 1 ? -1 : (long) (colon + 1) << 32 | end;
  }

  /** The host part (without port) of the URI in [s, e). */
  static String host(byte[] b, int s, int e) {
    if (s <= 0) return null;
    int us = uriStart(b, s, e);
    int ue = uriEnd(b, us, e);
    int colon = indexOf(b, us, ue, (byte) ':');
    if (colon < 0 || isTel(b, us, colon)) return null; // a tel: URI has no host
    int at = indexOf(b, colon + 1, ue, (byte) '@');
    int hs = at >= 0 ? at + 1 : colon + 1;
    if (hs < ue && b[hs] == '[') {
      int close = indexOf(b, hs, ue, (byte) ']');
      return close < 0 ? null : new String(b, hs + 1, close - hs - 1, StandardCharsets.US_ASCII);
    }
    int he = hs;
    while (he < ue && b[he] != ':' && b[he] != ';' && b[he] != '?' && b[he] != '>') he++;
    return he == hs ? null : new String(b, hs, he - hs, StandardCharsets.US_ASCII);
  }

  /**
   * A parameter of the header (after the URI, e.g. tag), never one of the URI: {@link #paramRange}.
   */
  static String param(byte[] b, int s, int e, String name) {
    long r = paramRange(b, s, e, name);
    if (r < 0) return null;
    int vs = (int) (r >>> 32);
    return new String(b, vs, (int) r - vs, StandardCharsets.UTF_8);
  }

  /**
   * Where the value of header parameter {@code name} of a From, To or Contact value lies ({@code
   * start << 32 | end}; start == end for a parameter without a value), -1 when absent. Only the
   * header's own parameters are read (RFC 3261 section 20.10): after the closing {@code >} of a
   * name-addr, or after an addr-spec written without brackets. A parameter inside the brackets
   * belongs to the URI: {@code To: <sip:1001@pbx;tag=x>} carries no tag, so an initial INVITE
   * written so is still an initial INVITE, and {@code Contact: <sip:1001@h;expires=5>} grants no
   * expiry. The URI's {@code <} is the first one outside a quoted display name; without its {@code
   * >} there is no parameter. No string is made.
   */
  static long paramRange(byte[] b, int s, int e, String name) {
    if (s <= 0) return -1;
    int lt = indexOf(b, s, e, (byte) '<');
    // a quoted display name may hold a '<': then the URI's is the first one outside the quotes
    if (indexOf(b, s, lt < 0 ? e : lt, (byte) '"') >= 0) lt = angleOutsideQuotes(b, s, e);
    if (lt < 0) return paramIn(b, s, e, name); // an addr-spec: what follows ';' is the header's
    int gt = indexOf(b, lt + 1, e, (byte) '>');
    return gt < 0 ? -1 : paramIn(b, gt + 1, e, name);
  }

  /**
   * The first {@code <} of {@code b[s, e)} outside a quoted string, -1 when there is none. Inside
   * quotes a backslash escapes the next character (a quoted-pair, RFC 3261 section 25.1), so a
   * display name ending in an escaped backslash ({@code "a\\"}) is closed by its quote. Where
   * {@link #uriStart} finds the URI (its user) and where {@link #paramRange} finds the header's
   * parameters (its tag, its expires): the same {@code <}.
   */
  private static int angleOutsideQuotes(byte[] b, int s, int e) {
    boolean quoted = false;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (quoted && c == '\\') i++; // an escaped character (quoted-pair)
      else if (c == '"') quoted = !quoted;
      else if (!quoted && c == '<') return i;
    }
    return -1;
  }

  private static long paramIn(byte[] b, int s, int e, String name) {
    int n = name.length();
    for (int i = indexOf(b, s, e, (byte) ';'); i >= 0; i = indexOf(b, i + 1, e, (byte) ';')) {
      int p = i + 1;
      while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
      if (p + n <= e && regionEqualsIgnoreCase(b, p, name)) {
        int q = p + n;
        while (q < e && (b[q] == ' ' || b[q] == '\t')) q++;
        if (q < e && b[q] == '=') {
          int vs = q + 1;
          while (vs < e && (b[vs] == ' ' || b[vs] == '\t')) vs++;
          int ve = vs;
          if (vs < e && b[vs] == '"') {
            vs++;
            ve = indexOf(b, vs, e, (byte) '"');
            if (ve < 0) ve = e;
          } else {
            while (ve < e
                && b[ve] != ';'
                && b[ve] != ','
                && b[ve] != '>'
                && b[ve] != ' '
                && b[ve] != '\r') ve++;
          }
          return (long) vs << 32 | ve;
        }
        if (q >= e || b[q] == ';') return (long) q << 32 | q;
      }
    }
    return -1;
  }

  /** sent-by of a Via value: "SIP/2.0/UDP host:port;branch=..." gives "host:port". */
  static String viaSentBy(byte[] b, int s, int e) {
    if (s <= 0) return null;
    int p = skipProtocol(b, s, e);
    if (p < 0) return null;
    int q = p;
    while (q < e && b[q] != ';' && b[q] != ',' && b[q] != ' ' && b[q] != '\t' && b[q] != '\r') q++;
    return q == p ? null : new String(b, p, q - p, StandardCharsets.US_ASCII);
  }

  /** Transport of a Via value: "SIP/2.0/UDP host" gives "UDP". */
  static String viaTransport(byte[] b, int s, int e) {
    if (s <= 0) return null;
    int ts = transportStart(b, s, e);
    if (ts < 0) return null;
    int te = ts;
    while (te < e && b[te] != ' ' && b[te] != '\t' && b[te] != '\r' && b[te] != '\n') te++;
    return te == ts ? null : new String(b, ts, te - ts, StandardCharsets.US_ASCII).toUpperCase();
  }

  /** A parameter of a Digest credentials value: {@code Digest username="1001", realm=...}. */
  static String authParam(byte[] b, int s, int e, String name) {
    long r = authParamRange(b, s, e, name);
    if (r < 0) return null;
    int vs = (int) (r >>> 32);
    return new String(b, vs, (int) r - vs, StandardCharsets.UTF_8);
  }

  /**
   * Where the value of digest parameter {@code name} lies ({@code start << 32 | end}, quotes
   * excluded), -1 when absent. No string is made.
   */
  static long authParamRange(byte[] b, int s, int e, String name) {
    if (s <= 0) return -1;
    int n = name.length();
    for (int i = s; i + n < e; i++) {
      boolean boundary = i == s || b[i - 1] == ' ' || b[i - 1] == ',' || b[i - 1] == '\t';
      if (!boundary || !regionEqualsIgnoreCase(b, i, name)) continue;
      int q = i + n;
      while (q < e && (b[q] == ' ' || b[q] == '\t')) q++;
      if (q >= e || b[q] != '=') continue;
      q++;
      while (q < e && (b[q] == ' ' || b[q] == '\t')) q++;
      int vs = q, ve;
      if (vs < e && b[vs] == '"') {
        vs++;
        ve = indexOf(b, vs, e, (byte) '"');
        if (ve < 0) ve = e;
      } else {
        ve = vs;
        while (ve < e && b[ve] != ',' && b[ve] != ' ' && b[ve] != '\r') ve++;
      }
      return (long) vs << 32 | ve;
    }
    return -1;
  }

  private static int skipProtocol(byte[] b, int s, int e) {
    // "SIP / 2.0 / UDP" then LWS then sent-by
    int p = transportStart(b, s, e);
    if (p < 0) return -1;
    while (p < e && b[p] != ' ' && b[p] != '\t' && b[p] != '\r' && b[p] != '\n') p++;
    while (p < e && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) p++;
    return p < e ? p : -1;
  }

  /** Where the transport of a Via value starts (after the second '/' and blanks), -1 if none. */
  private static int transportStart(byte[] b, int s, int e) {
    int seen = 0;
    for (int i = s; i < e; i++) {
      if (b[i] == '/' && ++seen == 2) {
        int p = i + 1;
        while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
      }
    }
    return -1;
  }

  private static boolean isTel(byte[] b, int s, int colon) {
    return colon - s == 3 && regionEqualsIgnoreCase(b, s, "tel");
  }

  static int uriStart(byte[] b, int s, int e) {
    int lt = angleOutsideQuotes(b, s, e); // a quoted display name may hold '<'
    if (lt >= 0) return lt + 1;
    int p = s;
    while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
    return p;
  }

  private static int uriEnd(byte[] b, int us, int e) {
    boolean at = false;
    for (int i = us; i < e; i++) {
      byte c = b[i];
      if (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return i;
      if (c == '@') at = true;
      // an addr-spec without <> ends its URI at the first header parameter ';' after the host
      else if (c == ';' && at) return i;
    }
    return e;
  }

  /** The first {@code c} in [s, e), -1 when there is none: eight bytes at a time. */
  static int indexOf(byte[] b, int s, int e, byte c) {
    int i = s;
    if (e - i >= 8) {
      long p = (c & 0xFFL) * ONES;
      for (; i + 8 <= e; i += 8) {
        long z = zeroBytes((long) LONGS.get(b, i) ^ p);
        if (z != 0) return i + (Long.numberOfTrailingZeros(z) >>> 3);
      }
    }
    for (; i < e; i++) if (b[i] == c) return i;
    return -1;
  }

  /** True when [s, e) holds neither {@code <} nor {@code "}: eight bytes at a time. */
  private static boolean noAngleOrQuote(byte[] b, int s, int e) {
    int i = s;
    for (; i + 8 <= e; i += 8) {
      long v = (long) LONGS.get(b, i);
      if ((zeroBytes(v ^ '<' * ONES) | zeroBytes(v ^ '"' * ONES)) != 0) return false;
    }
    for (; i < e; i++) if (b[i] == '<' || b[i] == '"') return false;
    return true;
  }

  private static final long ONES = 0x0101010101010101L;

  /**
   * The high bit of each zero byte of {@code x}, and maybe of bytes above the lowest zero byte (a
   * borrow): the lowest bit set is always that of the first zero byte, none set when there is none.
   */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & 0x8080808080808080L;
  }

  /** Little-endian longs over a byte array: byte {@code i} is the lowest of {@code get(b, i)}. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static boolean regionEqualsIgnoreCase(byte[] b, int p, String name) {
    for (int k = 0; k < name.length(); k++) {
      int c = b[p + k];
      if (c >= 'A' && c <= 'Z') c += 32;
      int d = name.charAt(k);
      if (d >= 'A' && d <= 'Z') d += 32;
      if (c != d) return false;
    }
    return true;
  }
}
