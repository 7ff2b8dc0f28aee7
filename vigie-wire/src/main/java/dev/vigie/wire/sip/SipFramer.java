package dev.vigie.wire.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Frames SIP messages in place (RFC 3261 section 7): finds the start line, the header lines and the
 * body, and records offsets of the headers detection needs. One pass over the header section, no
 * copying, no allocation beyond the {@link SipMessage} itself. Stateless and thread-safe.
 *
 * <p>Accepted: CRLF or bare LF line ends, compact header names, any case in header names, folded
 * (multi-line) header values, repeated headers (the first counts). Refused, as {@link
 * SipFrame.Bad}: a start line that is neither a request line nor a status line, a header section
 * without its empty line, a header line without a colon, and a message without Call-ID, CSeq, From,
 * To or Via.
 */
public final class SipFramer {
  /**
   * Limit for a header section; larger input is refused (a stream that never ends is an attack).
   */
  public static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final byte[] SIP_VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};

  private SipFramer() {}

  /** Frames the whole array as one message. */
  public static SipFrame frame(byte[] buf) {
    return frame(buf, 0, buf.length);
  }

  /**
   * Frames one message in {@code buf[off, off+len)}. The body is what follows the header section,
   * cut to Content-Length when that is shorter (a datagram may carry padding).
   */
  public static SipFrame frame(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
      return new SipFrame.Bad("bad buffer range");
    }
    int end = off + len;
    int p = off;
    while (p < end && (buf[p] == '\r' || buf[p] == '\n')) p++; // tolerate leading CRLF
    if (p >= end) return new SipFrame.Bad("empty message");
    int lineEnd = lineEnd(buf, p, end);
    if (lineEnd < 0) return new SipFrame.Bad("no end of start line");
    SipMessage m = new SipMessage(buf, off);
    String bad = startLine(m, buf, p, lineEnd);
    if (bad != null) return new SipFrame.Bad(bad);
    p = next(buf, lineEnd, end);
    int headers = 0;
    int slot = -1; // slot of the header being read, for continuation lines
    while (true) {
      if (p >= end) return new SipFrame.Bad("no empty line after the headers");
      if (p - off > MAX_HEADER_BYTES) return new SipFrame.Bad("header section over 64 KiB");
      int le = lineEnd(buf, p, end);
      if (le < 0) return new SipFrame.Bad("no empty line after the headers");
      if (le == p) { // empty line: end of headers
        p = next(buf, le, end);
        break;
      }
      byte c0 = buf[p];
      if (c0 == ' ' || c0 == '\t') { // folded continuation of the previous header
        if (headers == 0) return new SipFrame.Bad("continuation line before any header");
        if (slot >= 0) m.end[slot] = trimEnd(buf, m.start[slot], le);
        p = next(buf, le, end);
        continue;
      }
      int colon = SipUri.indexOf(buf, p, le, (byte) ':');
      if (colon <= p) return new SipFrame.Bad("header line without a name and colon");
      int ne = trimEnd(buf, p, colon);
      int vs = colon + 1;
      while (vs < le && (buf[vs] == ' ' || buf[vs] == '\t')) vs++;
      int ve = trimEnd(buf, vs, le);
      headers++;
      int s = slotOf(buf, p, ne - p);
      slot = -1;
      if (s >= 0 && m.start[s] == 0) { // the first occurrence counts
        m.start[s] = vs;
        m.end[s] = ve;
        slot = s;
      } else if (s == SipMessage.CONTACT) m.contactLines = true; // read for a registrar's 2xx
      p = next(buf, le, end);
    }
    m.headerCount = headers;
    if (m.start[SipMessage.CALL_ID] == 0) return new SipFrame.Bad("no Call-ID header");
    if (m.start[SipMessage.CSEQ] == 0) return new SipFrame.Bad("no CSeq header");
    if (m.start[SipMessage.FROM] == 0) return new SipFrame.Bad("no From header");
    if (m.start[SipMessage.TO] == 0) return new SipFrame.Bad("no To header");
    if (m.start[SipMessage.VIA] == 0) return new SipFrame.Bad("no Via header");
    if (!cseq(m, buf)) return new SipFrame.Bad("unreadable CSeq header");
    m.contentLength =
        number(buf, m.start[SipMessage.CONTENT_LENGTH], m.end[SipMessage.CONTENT_LENGTH]);
    if (m.start[SipMessage.CONTENT_LENGTH] > 0 && m.contentLength < 0) {
      return new SipFrame.Bad("unreadable Content-Length header");
    }
    m.expires = number(buf, m.start[SipMessage.EXPIRES], m.end[SipMessage.EXPIRES]);
    m.bodyStart = p;
    int bodyEnd = end;
    if (m.contentLength >= 0 && p + m.contentLength < end) bodyEnd = p + m.contentLength;
    m.len = bodyEnd - off;
    return m;
  }

  /**
   * For stream transports (TCP, TLS): the length of the complete message starting at {@code off},
   * using Content-Length (RFC 3261 section 18.3; absent means no body). Leading CRLF keep-alives
   * (RFC 5626) are included in the returned length.
   *
   * @return the message length; -1 when more bytes are needed; -2 when the bytes cannot be a SIP
   *     message (header section over {@link #MAX_HEADER_BYTES}, unreadable Content-Length)
   */
  public static int messageLength(byte[] buf, int off, int len) {
    int end = off + len;
    int p = off;
    while (p < end && (buf[p] == '\r' || buf[p] == '\n')) p++;
    if (p >= end) return -1;
    int q = p;
    int contentLength = 0;
    while (true) {
      if (q - p > MAX_HEADER_BYTES) return -2;
      int le = lineEnd(buf, q, end);
      if (le < 0) return end - p > MAX_HEADER_BYTES ? -2 : -1;
      if (le == q && q > p) {
        if (buf[le] == '\r' && le + 1 >= end) return -1; // CR seen, its LF not yet
        int bodyStart = next(buf, le, end);
        long total = (long) (bodyStart - off) + contentLength;
        if (total > Integer.MAX_VALUE) return -2;
        return bodyStart + contentLength <= end ? (int) total : -1;
      }
      int ne = q;
      while (ne < le && buf[ne] != ':') ne++;
      int nameEnd = trimEnd(buf, q, ne);
      if (ne < le && slotOf(buf, q, nameEnd - q) == SipMessage.CONTENT_LENGTH) {
        int vs = ne + 1;
        while (vs < le && (buf[vs] == ' ' || buf[vs] == '\t')) vs++;
        contentLength = number(buf, vs, trimEnd(buf, vs, le));
        if (contentLength < 0) return -2;
      }
      q = next(buf, le, end);
    }
  }

  /** True for bytes that hold only CR and LF: a keep-alive ping (RFC 5626), not a message. */
  public static boolean isKeepAlive(byte[] buf, int off, int len) {
    if (len <= 0) return false;
    for (int i = off; i < off + len; i++) {
      if (buf[i] != '\r' && buf[i] != '\n' && buf[i] != 0) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------

  private static String startLine(SipMessage m, byte[] b, int s, int e) {
    if (e - s >= 11 && startsWith(b, s, SIP_VERSION) && b[s + 7] == ' ') {
      int c = s + 8;
      while (c < e && b[c] == ' ') c++;
      if (c + 3 > e) return "status line without a status code";
      int code = 0;
      for (int i = c; i < c + 3; i++) {
        if (b[i] < '0' || b[i] > '9') return "status code is not three digits";
        code = code * 10 + (b[i] - '0');
      }
      if (code < 100 || (c + 3 < e && b[c + 3] != ' ')) return "status code out of range";
      m.request = false;
      m.status = code;
      m.reasonStart = Math.min(c + 4, e);
      m.reasonEnd = e;
      return null;
    }
    int sp1 = SipUri.indexOf(b, s, e, (byte) ' ');
    if (sp1 <= s) return "start line is neither a request line nor a status line";
    for (int i = s; i < sp1; i++) {
      byte c = b[i];
      if (c < 0x21 || c > 0x7E) return "request method holds a bad character";
    }
    int us = sp1 + 1;
    while (us < e && b[us] == ' ') us++;
    int sp2 = -1;
    for (int i = e - 1; i > us; i--) {
      if (b[i] == ' ') {
        sp2 = i;
        break;
      }
    }
    if (sp2 < 0) return "request line without a SIP version";
    int vs = sp2 + 1;
    if (e - vs != 7 || !startsWith(b, vs, SIP_VERSION)) return "request line without SIP/2.0";
    int ue = sp2;
    while (ue > us && b[ue - 1] == ' ') ue--;
    if (ue == us) return "request line without a Request-URI";
    m.request = true;
    m.method = SipMethod.of(b, s, sp1 - s);
    m.methodStart = s;
    m.methodEnd = sp1;
    m.uriStart = us;
    m.uriEnd = ue;
    return null;
  }

  private static boolean cseq(SipMessage m, byte[] b) {
    int s = m.start[SipMessage.CSEQ], e = m.end[SipMessage.CSEQ];
    long n = 0;
    int p = s;
    while (p < e && b[p] >= '0' && b[p] <= '9') {
      n = n * 10 + (b[p] - '0');
      if (n > 0xFFFF_FFFFL) return false;
      p++;
    }
    if (p == s) return false;
    while (p < e && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) p++;
    int ms = p;
    while (p < e && b[p] != ' ' && b[p] != '\t') p++;
    if (p == ms) return false;
    m.cseqNumber = n;
    m.cseqMethod = SipMethod.of(b, ms, p - ms);
    return true;
  }

  /** Non-negative decimal in [s, e), -1 when absent, empty or not a number. */
  private static int number(byte[] b, int s, int e) {
    if (s <= 0 || s >= e) return -1;
    long n = 0;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
      if (n > Integer.MAX_VALUE) return -1;
    }
    return (int) n;
  }

  /** Slot of a header name, or -1 when detection does not need that header. */
  static int slotOf(byte[] b, int s, int n) {
    if (n == 1) {
      switch (b[s] | 0x20) {
        case 'i':
          return SipMessage.CALL_ID;
        case 'f':
          return SipMessage.FROM;
        case 't':
          return SipMessage.TO;
        case 'v':
          return SipMessage.VIA;
        case 'm':
          return SipMessage.CONTACT;
        case 'l':
          return SipMessage.CONTENT_LENGTH;
        default:
          return -1;
      }
    }
    switch (n) {
      case 2:
        return eq(b, s, H_TO) ? SipMessage.TO : -1;
      case 3:
        return eq(b, s, H_VIA) ? SipMessage.VIA : -1;
      case 4:
        if (eq(b, s, H_FROM)) return SipMessage.FROM;
        if (eq(b, s, H_CSEQ)) return SipMessage.CSEQ;
        return -1;
      case 6:
        return eq(b, s, H_SERVER) ? SipMessage.SERVER : -1;
      case 7:
        if (eq(b, s, H_CALL_ID)) return SipMessage.CALL_ID;
        if (eq(b, s, H_CONTACT)) return SipMessage.CONTACT;
        if (eq(b, s, H_EXPIRES)) return SipMessage.EXPIRES;
        return -1;
      case 10:
        return eq(b, s, H_USER_AGENT) ? SipMessage.USER_AGENT : -1;
      case 13:
        return eq(b, s, H_AUTHORIZATION) ? SipMessage.AUTHORIZATION : -1;
      case 14:
        return eq(b, s, H_CONTENT_LENGTH) ? SipMessage.CONTENT_LENGTH : -1;
      case 16:
        return eq(b, s, H_WWW_AUTHENTICATE) ? SipMessage.WWW_AUTHENTICATE : -1;
      case 18:
        return eq(b, s, H_PROXY_AUTHENTICATE) ? SipMessage.WWW_AUTHENTICATE : -1;
      case 19:
        return eq(b, s, H_PROXY_AUTHORIZATION) ? SipMessage.AUTHORIZATION : -1;
      default:
        return -1;
    }
  }

  /** Lazy lookup of any header: returns (start << 32 | end) of its first value, or -1. */
  static long findHeader(SipMessage m, String name) {
    return findHeader(m, name, -1);
  }

  /**
   * {@link #findHeader(SipMessage, String)} for the next occurrence of the header after the one
   * {@code previous} names (a range it returned; -1 for the first): every line of a header that may
   * repeat (Contact, Via...) is read this way.
   */
  static long findHeader(SipMessage m, String name, long previous) {
    byte[] b = m.buf;
    int end = m.bodyStart > 0 ? m.bodyStart : m.off + m.len;
    String compact = compactOf(name);
    if (name.length() == 1) { // asked by compact name: match the long form too
      compact = name;
      name = longOf(name);
    }
    int p = lineEnd(b, previous < 0 ? m.off : (int) previous, end);
    if (p < 0) return -1;
    p = next(b, p, end);
    long found = -1;
    int foundStart = -1;
    while (p < end) {
      int le = lineEnd(b, p, end);
      if (le < 0 || le == p) break;
      if (b[p] == ' ' || b[p] == '\t') {
        if (foundStart >= 0) found = ((long) foundStart << 32) | trimEnd(b, foundStart, le);
        p = next(b, le, end);
        continue;
      }
      if (foundStart >= 0) return found;
      int colon = SipUri.indexOf(b, p, le, (byte) ':');
      if (colon > p) {
        int n = trimEnd(b, p, colon) - p;
        if ((n == name.length() && SipUri.regionEqualsIgnoreCase(b, p, name))
            || (compact != null && n == 1 && SipUri.regionEqualsIgnoreCase(b, p, compact))) {
          int vs = colon + 1;
          while (vs < le && (b[vs] == ' ' || b[vs] == '\t')) vs++;
          foundStart = vs;
          found = ((long) vs << 32) | trimEnd(b, vs, le);
        }
      }
      p = next(b, le, end);
    }
    return found;
  }

  private static String longOf(String compact) {
    for (String n :
        new String[] {
          "call-id",
          "from",
          "to",
          "via",
          "contact",
          "content-length",
          "content-type",
          "content-encoding",
          "supported",
          "subject",
          "event",
          "allow-events",
          "refer-to",
          "referred-by",
          "session-expires"
        }) {
      if (compact.equalsIgnoreCase(compactOf(n))) return n;
    }
    return compact;
  }

  private static String compactOf(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "call-id" -> "i";
      case "from" -> "f";
      case "to" -> "t";
      case "via" -> "v";
      case "contact" -> "m";
      case "content-length" -> "l";
      case "content-type" -> "c";
      case "content-encoding" -> "e";
      case "supported" -> "k";
      case "subject" -> "s";
      case "event" -> "o";
      case "allow-events" -> "u";
      case "refer-to" -> "r";
      case "referred-by" -> "b";
      case "session-expires" -> "x";
      default -> null;
    };
  }

  // the header names slotOf compares, lower case: byte arrays, so that eq stays small enough for
  // the JIT to inline it at every comparison (with a String, its charAt checks made it a call per
  // header name, a quarter of the framing time)
  private static final byte[] H_TO = ascii("to");
  private static final byte[] H_VIA = ascii("via");
  private static final byte[] H_CSEQ = ascii("cseq");
  private static final byte[] H_FROM = ascii("from");
  private static final byte[] H_SERVER = ascii("server");
  private static final byte[] H_CALL_ID = ascii("call-id");
  private static final byte[] H_CONTACT = ascii("contact");
  private static final byte[] H_EXPIRES = ascii("expires");
  private static final byte[] H_USER_AGENT = ascii("user-agent");
  private static final byte[] H_AUTHORIZATION = ascii("authorization");
  private static final byte[] H_CONTENT_LENGTH = ascii("content-length");
  private static final byte[] H_WWW_AUTHENTICATE = ascii("www-authenticate");
  private static final byte[] H_PROXY_AUTHENTICATE = ascii("proxy-authenticate");
  private static final byte[] H_PROXY_AUTHORIZATION = ascii("proxy-authorization");

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** True when the {@code lower.length} bytes at {@code s} are {@code lower}, in any case. */
  private static boolean eq(byte[] b, int s, byte[] lower) {
    for (int i = 0; i < lower.length; i++) if ((b[s + i] | 0x20) != lower[i]) return false;
    return true;
  }

  private static boolean startsWith(byte[] b, int s, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) if (b[s + i] != prefix[i]) return false;
    return true;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';

  /**
   * Index of the CR or LF that ends the line starting at p, or -1 when there is none. Looks at
   * eight bytes per step (a byte equal to CR or LF makes its XOR zero; the lowest zero byte is
   * found exactly by the classic has-zero-byte test), then finishes byte by byte.
   */
  private static int lineEnd(byte[] b, int p, int end) {
    int i = p;
    for (; i + 8 <= end; i += 8) {
      long w = (long) LONGS.get(b, i);
      long x = w ^ CRS;
      long y = w ^ LFS;
      long hit = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
      if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
    }
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r') return i;
    }
    return -1;
  }

  /** First index after the line end at le (CRLF, LF or lone CR). */
  private static int next(byte[] b, int le, int end) {
    if (le < end && b[le] == '\r') {
      return le + 1 < end && b[le + 1] == '\n' ? le + 2 : le + 1;
    }
    return le + 1;
  }

  private static int trimEnd(byte[] b, int s, int e) {
    while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
    return e;
  }
}
