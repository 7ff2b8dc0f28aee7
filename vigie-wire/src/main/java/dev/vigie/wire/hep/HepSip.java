package dev.vigie.wire.hep;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.util.Arrays;

/**
 * Turns a HEP packet into a {@link SipEvent}: addresses, ports, timestamp, transport (from the IP
 * protocol chunk) and capture id come from the HEP header, the message from its payload. This is
 * the entry point of a live HEP listener ({@link #decode}); the capture pipeline uses {@link
 * #toEvent} on its reused {@link HepFields}. A listener that checks the authentication key decodes
 * with {@link HepDecoder#decodeInto}, tests {@link HepFields#authKeyEquals}, then calls {@link
 * #toEvent}. Stateless and thread-safe.
 */
public final class HepSip {
  /** What one HEP packet gave. */
  public sealed interface Outcome permits Sip, Ignored, Bad {}

  /** A SIP message. */
  public record Sip(SipEvent event) implements Outcome {}

  /** Neither SIP nor malformed: a keep-alive, or another protocol type (RTCP, logs...). */
  public record Ignored(String why) implements Outcome {}

  /** Malformed HEP, or a HEP packet whose SIP payload is malformed. */
  public record Bad(Malformed malformed) implements Outcome {}

  static final Ignored KEEP_ALIVE = new Ignored("keep-alive");
  static final Ignored NOT_SIP = new Ignored("HEP protocol type is not SIP");

  private HepSip() {}

  /**
   * Decodes one HEP datagram (or one packet framed from a HEP TCP stream). The event's message
   * refers to {@code b}: do not reuse the array afterwards.
   *
   * @param fallbackMicros timestamp to use when the packet carries none (v1, or no time chunks)
   */
  public static Outcome decode(byte[] b, int off, int len, long fallbackMicros) {
    HepFields f = new HepFields();
    String bad = HepDecoder.decodeInto(b, off, len, f);
    if (bad != null) return new Bad(new Malformed("hep", bad));
    return toEvent(f, fallbackMicros, false);
  }

  /**
   * The outcome for decoded fields.
   *
   * @param copyPayload true when the payload's array will be reused (a streaming window): the SIP
   *     bytes are then copied into an array of their own
   */
  public static Outcome toEvent(HepFields f, long fallbackMicros, boolean copyPayload) {
    if (f.keepAlive) return KEEP_ALIVE;
    if (f.protocolType != HepPacket.SIP) return NOT_SIP;
    if (f.payloadLen == 0 || SipFramer.isKeepAlive(f.payload, f.payloadOff, f.payloadLen)) {
      return KEEP_ALIVE;
    }
    if (!f.hasAddresses) return new Bad(new Malformed("hep", "SIP packet without addresses"));
    byte[] b = f.payload;
    int off = f.payloadOff;
    if (copyPayload && b == f.buf) {
      b = Arrays.copyOfRange(b, off, off + f.payloadLen);
      off = 0;
    }
    SipFrame frame = SipFramer.frame(b, off, f.payloadLen);
    return switch (frame) {
      case SipMessage m -> {
        long ts = f.seconds == 0 && f.micros == 0 ? fallbackMicros : f.timestampMicros();
        yield new Sip(
            new SipEvent(
                ts,
                f.src(),
                f.srcPort,
                f.dst(),
                f.dstPort,
                HepEncoder.transportOf(f.ipProtocol),
                (int) f.captureId,
                m));
      }
      case SipFrame.Bad bad -> new Bad(new Malformed("sip", bad.reason()));
    };
  }
}
