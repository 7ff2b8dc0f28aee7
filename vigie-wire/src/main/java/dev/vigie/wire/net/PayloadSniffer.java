package dev.vigie.wire.net;

/**
 * Cheap content tests that tell SIP and HEP apart from other traffic (RTP, DNS...) before any
 * framing, so that only plausible payloads can count as malformed. They look at the first line only
 * (at most {@link #MAX_PROBE} bytes). Stateless, no allocation.
 */
public final class PayloadSniffer {
  /** How far the start-line test looks. */
  public static final int MAX_PROBE = 512;

  private static final byte[] SIP20 = {'S', 'I', 'P', '/', '2', '.', '0'};

  private PayloadSniffer() {}

  /** True when the bytes begin with "HEP3". */
  public static boolean isHep3(byte[] b, int off, int len) {
    return len >= 4 && b[off] == 'H' && b[off + 1] == 'E' && b[off + 2] == 'P' && b[off + 3] == '3';
  }

  /**
   * True when the bytes start like a SIP message: "SIP/2.0 " (a status line), or a request line
   * {@code TOKEN SP Request-URI SP SIP/2.0}. Leading CR/LF are allowed.
   */
  public static boolean looksLikeSip(byte[] b, int off, int len) {
    return sipStart(b, off, len) == 1;
  }

  /**
   * Like {@link #looksLikeSip} for a stream that may still grow: 1 when the bytes start a SIP
   * message, 0 when they cannot, -1 when the first line is not complete yet but could still be one.
   */
  public static int sipStart(byte[] b, int off, int len) {
    int end = off + Math.min(len, MAX_PROBE);
    int p = off;
    while (p < end && (b[p] == '\r' || b[p] == '\n')) p++;
    // status line
    int k = 0;
    while (k < 8 && p + k < end && (k == 7 ? b[p + k] == ' ' : b[p + k] == SIP20[k])) k++;
    if (k == 8) return 1;
    if (p + k == end) return len >= MAX_PROBE ? 0 : -1;
    // request line: method token, space, ..., " SIP/2.0" at the line end
    int m = p;
    while (m < end && m - p <= 32 && isTokenChar(b[m])) m++;
    if (m == end) return len >= MAX_PROBE || m - p > 32 ? 0 : -1;
    if (m == p || b[m] != ' ') return 0;
    int le = m;
    while (le < end && b[le] != '\r' && b[le] != '\n') le++;
    if (le == end) return len >= MAX_PROBE ? 0 : -1;
    if (le - m < 9 || b[le - 8] != ' ') return 0;
    for (int i = 0; i < 7; i++) if (b[le - 7 + i] != SIP20[i]) return 0;
    return 1;
  }

  private static boolean isTokenChar(byte c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '!'
        || c == '%'
        || c == '*'
        || c == '_'
        || c == '+'
        || c == '`'
        || c == '\''
        || c == '~';
  }
}
