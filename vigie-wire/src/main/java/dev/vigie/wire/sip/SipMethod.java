package dev.vigie.wire.sip;

import java.nio.charset.StandardCharsets;

/**
 * SIP request methods known to Vigie; anything else is {@link #OTHER} (its name stays readable).
 */
public enum SipMethod {
  INVITE,
  ACK,
  BYE,
  CANCEL,
  REGISTER,
  OPTIONS,
  INFO,
  UPDATE,
  PRACK,
  SUBSCRIBE,
  NOTIFY,
  PUBLISH,
  MESSAGE,
  REFER,
  OTHER;

  private static final SipMethod[] KNOWN = values();
  private static final byte[][] NAMES = new byte[KNOWN.length][];

  static {
    for (SipMethod m : KNOWN) NAMES[m.ordinal()] = m.name().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Identifies a method from its bytes without allocating. Method names are case-sensitive in SIP
   * (RFC 3261 section 7.1), so the comparison is exact.
   */
  public static SipMethod of(byte[] b, int off, int len) {
    // dispatch on length and first byte, then compare the rest
    switch (len) {
      case 3:
        if (b[off] == 'A' && eq(b, off, ACK)) return ACK;
        if (b[off] == 'B' && eq(b, off, BYE)) return BYE;
        break;
      case 4:
        if (b[off] == 'I' && eq(b, off, INFO)) return INFO;
        break;
      case 5:
        if (b[off] == 'P' && eq(b, off, PRACK)) return PRACK;
        if (b[off] == 'R' && eq(b, off, REFER)) return REFER;
        break;
      case 6:
        if (b[off] == 'I' && eq(b, off, INVITE)) return INVITE;
        if (b[off] == 'C' && eq(b, off, CANCEL)) return CANCEL;
        if (b[off] == 'U' && eq(b, off, UPDATE)) return UPDATE;
        if (b[off] == 'N' && eq(b, off, NOTIFY)) return NOTIFY;
        break;
      case 7:
        if (b[off] == 'O' && eq(b, off, OPTIONS)) return OPTIONS;
        if (b[off] == 'P' && eq(b, off, PUBLISH)) return PUBLISH;
        if (b[off] == 'M' && eq(b, off, MESSAGE)) return MESSAGE;
        break;
      case 8:
        if (b[off] == 'R' && eq(b, off, REGISTER)) return REGISTER;
        break;
      case 9:
        if (b[off] == 'S' && eq(b, off, SUBSCRIBE)) return SUBSCRIBE;
        break;
      default:
        break;
    }
    return OTHER;
  }

  private static boolean eq(byte[] b, int off, SipMethod m) {
    return same(b, off, NAMES[m.ordinal()]);
  }

  /** The bytes of {@code n} after its first at {@code off} (small: the JIT inlines it). */
  private static boolean same(byte[] b, int off, byte[] n) {
    for (int i = 1; i < n.length; i++) if (b[off + i] != n[i]) return false;
    return true;
  }
}
