package dev.vigie.wire.sip;

import java.nio.charset.StandardCharsets;

/**
 * A SIP message framed in place ("frame, don't parse"): the bytes stay in one array and this object
 * keeps offsets of the start line and of the headers detection needs. Strings are only made when an
 * accessor is called. Instances are made by {@link SipFramer}; they are immutable once framed and
 * may be shared between threads, but the backing array must not be modified afterwards.
 *
 * <p>Header values are the first occurrence of the header, except {@link #hasAuthorization()} which
 * looks at all of them. A value is kept as a range; folded (multi-line) values are unfolded when
 * turned into a string.
 */
public final class SipMessage implements SipFrame {
  // header slots: the indexes into start/end arrays
  static final int CALL_ID = 0;
  static final int FROM = 1;
  static final int TO = 2;
  static final int CSEQ = 3;
  static final int VIA = 4;
  static final int USER_AGENT = 5; // User-Agent, or Server when there is no User-Agent
  static final int SERVER = 6;
  static final int CONTACT = 7;
  static final int EXPIRES = 8;
  static final int CONTENT_LENGTH = 9;
  static final int AUTHORIZATION = 10; // Authorization or Proxy-Authorization
  static final int WWW_AUTHENTICATE = 11; // WWW-Authenticate or Proxy-Authenticate
  static final int SLOTS = 12;

  final byte[] buf;
  final int off;
  int len;
  boolean request;
  SipMethod method;
  int methodStart;
  int methodEnd;
  int status;
  int reasonStart;
  int reasonEnd;
  int uriStart;
  int uriEnd;
  SipMethod cseqMethod;
  long cseqNumber = -1;
  int bodyStart;
  int contentLength = -1;
  int expires = -1;
  int headerCount;
  boolean contactLines; // more than one Contact header line
  // where the To tag's value lies, (offset from the To value + 1) << 16 | length; 0 when not
  // looked for yet, -1 when there is none: read once, asked up to four times per request (a call
  // or not, a dialog to prove, an outbound call, its hash). An int, written whole: a thread
  // reading it while another writes it sees one value or the other (messages may be shared)
  private int toTagAt;
  final int[] start = new int[SLOTS];
  final int[] end = new int[SLOTS];

  SipMessage(byte[] buf, int off) {
    this.buf = buf;
    this.off = off;
  }

  /** The array holding the message. */
  public byte[] buffer() {
    return buf;
  }

  /** Offset of the message's first byte in {@link #buffer()}. */
  public int offset() {
    return off;
  }

  /** Length of the whole message (headers and body as framed). */
  public int length() {
    return len;
  }

  public boolean isRequest() {
    return request;
  }

  public boolean isResponse() {
    return !request;
  }

  /** The request method, or for a response the method of its CSeq. */
  public SipMethod method() {
    return request ? method : cseqMethod;
  }

  /** The method name as written in the request line (or in CSeq for a response). */
  public String methodName() {
    if (request) return ascii(methodStart, methodEnd);
    SipMethod m = cseqMethod;
    if (m != null && m != SipMethod.OTHER) return m.name();
    return cseqMethodName();
  }

  /** Status code of a response, 0 for a request. */
  public int statusCode() {
    return status;
  }

  /** The reason phrase of a response, null for a request. */
  public String reasonPhrase() {
    return request ? null : text(reasonStart, reasonEnd);
  }

  /** Request-URI of a request, null for a response. */
  public String requestUri() {
    return request ? text(uriStart, uriEnd) : null;
  }

  /** User part of the Request-URI (the dialled number or extension), null when absent. */
  public String requestUriUser() {
    return rangeText(requestUriUserRange());
  }

  /** The text of a range {@code start << 32 | end}, null for -1 (absent). */
  private String rangeText(long r) {
    if (r < 0) return null;
    int s = (int) (r >>> 32);
    return new String(buf, s, (int) r - s, StandardCharsets.UTF_8);
  }

  /**
   * Where the user part of the Request-URI lies in {@link #buffer()}: {@code start << 32 | end}, -1
   * when absent or for a response. For reading it in place; {@link #requestUriUser()} is its text.
   */
  public long requestUriUserRange() {
    return request ? SipUri.requestUserRange(buf, uriStart, uriEnd) : -1;
  }

  /** Host part of the Request-URI, null when absent. */
  public String requestUriHost() {
    return request ? SipUri.host(buf, uriStart, uriEnd) : null;
  }

  public String callId() {
    return header(CALL_ID);
  }

  /**
   * A 64-bit hash of the Call-ID bytes, computed in place (eight bytes at a time) without making a
   * string: what per-message transaction matching needs. 0 when there is no Call-ID.
   */
  public long callIdHash() {
    int s = start[CALL_ID];
    if (s <= 0) return 0;
    int e = end[CALL_ID];
    // a value that begins on a continuation line ("Call-ID:\r\n abc") hashes like "abc"
    while (s < e && (buf[s] == ' ' || buf[s] == '\t' || buf[s] == '\r' || buf[s] == '\n')) s++;
    return wideHash(buf, s, e);
  }

  /**
   * A hash of {@code buf[s, e)} for values of 8 bytes and more (a Call-ID is 20 to 60): two lanes
   * of eight bytes, each its own multiply chain, so that one chain's latency overlaps the other's,
   * and the last one to seven bytes read as the last eight bytes of the value with those already
   * hashed shifted out (no byte loop, nothing read outside the value). Shorter values take {@link
   * #hash}. Not meant to be well mixed: callers finalise it.
   */
  static long wideHash(byte[] buf, int s, int e) {
    int n = e - s;
    if (n < 8) return hash(buf, s, e);
    long a = 0xcbf29ce484222325L ^ n;
    long b = 0x9E3779B97F4A7C15L;
    int i = s;
    for (; i + 16 <= e; i += 16) {
      a = (a ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
      b = (b ^ (long) LONGS.get(buf, i + 8)) * 0xC2B2AE3D27D4EB4FL;
      a ^= a >>> 29;
      b ^= b >>> 31;
    }
    if (i + 8 <= e) {
      a = (a ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
      a ^= a >>> 29;
      i += 8;
    }
    if (i < e) {
      long w = (long) LONGS.get(buf, e - 8) >>> ((8 - (e - i)) << 3);
      b = (b ^ w) * 0xC2B2AE3D27D4EB4FL;
      b ^= b >>> 31;
    }
    return a * 0xBF58476D1CE4E5B9L ^ b;
  }

  /**
   * A hash of the user part of the Request-URI (requests) or, when it has none, of the To URI,
   * computed in place: the extension a request targets, for distinct counts. 0 when neither has a
   * user. Equal users give equal hashes.
   */
  public long targetUserHash() {
    return targetUserHash(requestUriUserRange());
  }

  /**
   * {@link #targetUserHash()} for a caller that already read {@link #requestUriUserRange()} (its
   * value): the Request-URI is not scanned again.
   */
  public long targetUserHash(long requestUriUserRange) {
    long r = requestUriUserRange;
    if (r < 0) r = SipUri.userRange(buf, start[TO], end[TO]);
    return r < 0 ? 0 : hash(buf, (int) (r >>> 32), (int) r) | 1;
  }

  static long hash(byte[] buf, int s, int e) {
    long h = 0xcbf29ce484222325L ^ (e - s);
    int i = s;
    for (; i + 8 <= e; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    for (; i < e; i++) h = (h ^ (buf[i] & 0xFF)) * 0x100000001b3L;
    return h;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** CSeq sequence number, -1 when absent or unreadable. */
  public long cseqNumber() {
    return cseqNumber;
  }

  /** CSeq method, null when absent. */
  public SipMethod cseqMethod() {
    return cseqMethod;
  }

  public String from() {
    return header(FROM);
  }

  public String to() {
    return header(TO);
  }

  public String fromUser() {
    return SipUri.user(buf, start[FROM], end[FROM]);
  }

  public String fromHost() {
    return SipUri.host(buf, start[FROM], end[FROM]);
  }

  public String fromTag() {
    return SipUri.param(buf, start[FROM], end[FROM], "tag");
  }

  public String toUser() {
    return SipUri.user(buf, start[TO], end[TO]);
  }

  public String toHost() {
    return SipUri.host(buf, start[TO], end[TO]);
  }

  /** The To tag, null when the To header has none (or an empty one, see {@link #hasToTag}). */
  public String toTag() {
    return rangeText(toTagRange());
  }

  /**
   * True when the To header has a tag: a request inside a dialog (a re-INVITE), not a new call.
   * Found in place, without making the tag's string. A {@code tag} parameter without a value
   * ({@code ;tag} or {@code ;tag=}) is no tag, as Kamailio's {@code has_totag()} and PJSIP read it:
   * the PBX takes such an INVITE as a new call.
   */
  public boolean hasToTag() {
    return toTagRange() >= 0;
  }

  /**
   * {@code start << 32 | end} of the To tag's value, -1 when the To header has no (or an empty)
   * tag.
   */
  private long toTagRange() {
    int at = toTagAt;
    if (at == -1) return -1;
    if (at != 0) {
      int s = start[TO] + (at >>> 16) - 1;
      return (long) s << 32 | s + (at & 0xFFFF);
    }
    long r = SipUri.paramRange(buf, start[TO], end[TO], "tag");
    if (r >= 0 && (int) r == (int) (r >>> 32)) r = -1; // no value: no tag
    if (r < 0) {
      toTagAt = -1;
    } else {
      int offset = (int) (r >>> 32) - start[TO];
      int length = (int) r - (int) (r >>> 32);
      // a To value of 32 KB or a tag of 64 KB is not remembered: read again when asked
      if (offset >= 0 && offset < 0x7FFF && length >= 0 && length <= 0xFFFF) {
        toTagAt = (offset + 1) << 16 | length;
      }
    }
    return r;
  }

  /** The top Via header value. */
  public String via() {
    return header(VIA);
  }

  /** sent-by (host[:port]) of the top Via, null when absent. */
  public String viaSentBy() {
    return SipUri.viaSentBy(buf, start[VIA], end[VIA]);
  }

  /** Transport of the top Via (UDP, TCP, TLS...), null when absent. */
  public String viaTransport() {
    return SipUri.viaTransport(buf, start[VIA], end[VIA]);
  }

  /** The User-Agent header, or the Server header when there is none; null when neither. */
  public String userAgent() {
    String ua = header(USER_AGENT);
    return ua != null ? ua : header(SERVER);
  }

  /** True when an Authorization or Proxy-Authorization header is present. */
  public boolean hasAuthorization() {
    return start[AUTHORIZATION] > 0;
  }

  /** The username parameter of the first Authorization or Proxy-Authorization header. */
  public String authorizationUser() {
    return SipUri.authParam(buf, start[AUTHORIZATION], end[AUTHORIZATION], "username");
  }

  /**
   * A hash of the {@code nonce} of the first Authorization or Proxy-Authorization header, computed
   * in place; 0 when there is none. Equal to {@link #challengeNonceHash()} of the challenge that
   * issued the same nonce.
   */
  public long authorizationNonceHash() {
    return rangeHash(SipUri.authParamRange(buf, start[AUTHORIZATION], end[AUTHORIZATION], "nonce"));
  }

  /**
   * A hash of the {@code nonce} of the first WWW-Authenticate or Proxy-Authenticate header (what a
   * 401/407 challenges with), computed in place; 0 when there is none.
   */
  public long challengeNonceHash() {
    return rangeHash(
        SipUri.authParamRange(buf, start[WWW_AUTHENTICATE], end[WWW_AUTHENTICATE], "nonce"));
  }

  /**
   * A hash of the From tag, computed in place; 0 when the From header has none (or an empty one).
   * The caller's side of a dialog: a request and its retry with credentials carry the same one.
   */
  public long fromTagHash() {
    return rangeHash(SipUri.paramRange(buf, start[FROM], end[FROM], "tag"));
  }

  /** A hash of the To tag, computed in place; 0 when the To header has no tag. */
  public long toTagHash() {
    return rangeHash(toTagRange());
  }

  private long rangeHash(long r) {
    if (r < 0) return 0;
    int s = (int) (r >>> 32), e = (int) r;
    return s >= e ? 0 : hash(buf, s, e) | 1;
  }

  /** True when a WWW-Authenticate or Proxy-Authenticate header is present (a challenge). */
  public boolean hasChallenge() {
    return start[WWW_AUTHENTICATE] > 0;
  }

  /** The first Contact header value, null when absent. */
  public String contact() {
    return header(CONTACT);
  }

  /**
   * Expiry in seconds: the {@code expires} parameter of the first Contact, else the Expires header
   * (the parameter overrides the header, RFC 3261 section 10.2.1.1); -1 when neither can be read.
   * For what a registrar's 2xx grants, with every Contact read, see {@link #grantedExpires()}.
   */
  public int expires() {
    int contact = start[CONTACT] > 0 ? contactExpiry(start[CONTACT], end[CONTACT]) : -1;
    return contact >= 0 ? contact : expires;
  }

  /**
   * What a 2xx response to a REGISTER grants its address of record, in seconds. The registrar lists
   * every binding it keeps for it, each Contact with its own {@code expires} parameter (RFC 3261
   * section 10.3): the address stays registered until the longest of them ends, so that is the
   * answer, every Contact header line and comma-separated value read (a phone and a softphone on
   * one extension: the one closed does not end the other's registration). A Contact without the
   * parameter takes the Expires header. 0 when the response lists no Contact: no binding is left
   * (the last one was removed). -1 when no Contact's expiry can be read.
   */
  public int grantedExpires() {
    int longest = NOT_A_CONTACT; // the lowest int: any Contact read raises it
    // the first line as framed; the header section is read for the others only if there are
    long first = start[CONTACT] > 0 ? (long) start[CONTACT] << 32 | end[CONTACT] : -1;
    for (long r = first; r >= 0; r = contactLines ? SipFramer.findHeader(this, "contact", r) : -1) {
      int s = (int) (r >>> 32);
      int e = (int) r;
      if (SipUri.indexOf(buf, s, e, (byte) ',') < 0) { // one value: the usual case
        longest = Math.max(longest, contactExpiry(s, e));
        continue;
      }
      // the values of one line, split at the commas outside quotes and angle brackets
      boolean quoted = false;
      int angle = 0;
      int from = s;
      for (int i = s; i <= e; i++) {
        byte c = i < e ? buf[i] : (byte) ',';
        if (c == '"' && (i == s || buf[i - 1] != '\\')) quoted = !quoted;
        else if (!quoted && c == '<') angle++;
        else if (!quoted && c == '>' && angle > 0) angle--;
        else if (c == ',' && !quoted && angle == 0) {
          longest = Math.max(longest, contactExpiry(from, i));
          from = i + 1;
        }
      }
    }
    return longest == NOT_A_CONTACT ? 0 : longest;
  }

  private static final int NOT_A_CONTACT = Integer.MIN_VALUE;

  /**
   * The expiry of the Contact value {@code buf[vs, ve)}: its {@code expires} parameter, else the
   * Expires header, -1 when neither reads; {@link #NOT_A_CONTACT} (below any expiry) for an empty
   * value or "*".
   */
  private int contactExpiry(int vs, int ve) {
    while (vs < ve && (buf[vs] == ' ' || buf[vs] == '\t')) vs++;
    if (vs == ve || buf[vs] == '*' && ve - vs == 1) return NOT_A_CONTACT;
    long p = SipUri.paramRange(buf, vs, ve, "expires");
    return p < 0 ? expires : parseInt(buf, (int) (p >>> 32), (int) p);
  }

  /**
   * {@code Integer.parseInt} of the UTF-8 text of {@code buf[s, e)} stripped of white space, read
   * in place (no string for ASCII text); -1 when it is not a number.
   */
  static int parseInt(byte[] buf, int s, int e) {
    for (int i = s; i < e; i++) {
      if (buf[i] < 0) { // not ASCII: as the text would be read (Unicode digits and spaces)
        try {
          return Integer.parseInt(new String(buf, s, e - s, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException x) {
          return -1;
        }
      }
    }
    while (s < e && asciiSpace(buf[s])) s++;
    while (e > s && asciiSpace(buf[e - 1])) e--;
    if (s == e) return -1;
    boolean negative = buf[s] == '-';
    int i = negative || buf[s] == '+' ? s + 1 : s;
    if (i == e) return -1;
    long v = 0;
    for (; i < e; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
      if (v > 1L << 31) return -1;
    }
    if (negative) v = -v;
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** {@link Character#isWhitespace} for an ASCII byte (what {@link String#strip} removes). */
  private static boolean asciiSpace(byte b) {
    return b == ' ' || b >= 9 && b <= 13 || b >= 28 && b <= 31;
  }

  /** Content-Length header value, -1 when absent. */
  public int contentLength() {
    return contentLength;
  }

  /** Offset of the body in {@link #buffer()} (the end of the message when there is none). */
  public int bodyOffset() {
    return bodyStart;
  }

  /** Length of the body as framed. */
  public int bodyLength() {
    return off + len - bodyStart;
  }

  /** Number of header lines (a folded header counts once). */
  public int headerCount() {
    return headerCount;
  }

  /**
   * The first value of any header, found by a scan (lazy path). Case-insensitive; compact forms
   * (RFC 3261 section 7.3.3) are accepted for the headers that have one.
   */
  public String header(String name) {
    long range = SipFramer.findHeader(this, name);
    return range < 0 ? null : text((int) (range >>> 32), (int) range);
  }

  /** The whole message as text (UTF-8). */
  @Override
  public String toString() {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  private String header(int slot) {
    return start[slot] > 0 ? text(start[slot], end[slot]) : null;
  }

  private String cseqMethodName() {
    int s = start[CSEQ];
    if (s <= 0) return null;
    String v = text(s, end[CSEQ]);
    int sp = v.lastIndexOf(' ');
    return sp < 0 ? null : v.substring(sp + 1);
  }

  private String ascii(int s, int e) {
    return new String(buf, s, e - s, StandardCharsets.US_ASCII);
  }

  /** Text of a range, unfolding continuation lines into single spaces. */
  String text(int s, int e) {
    for (int i = s; i < e; i++) {
      if (buf[i] == '\r' || buf[i] == '\n') return unfold(s, e);
    }
    return new String(buf, s, e - s, StandardCharsets.UTF_8);
  }

  private String unfold(int s, int e) {
    String raw = new String(buf, s, e - s, StandardCharsets.UTF_8);
    return raw.replaceAll("\\r?\\n[ \\t]+", " ");
  }
}
