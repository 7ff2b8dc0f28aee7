package dev.vigie.wire.capture;

import dev.vigie.wire.hep.HepDecoder;
import dev.vigie.wire.net.Bytes;
import dev.vigie.wire.net.PayloadSniffer;

/** What a file holds, recognised by its first bytes ({@link #detect}). */
public enum CaptureFormat {
  /** libpcap, microsecond or nanosecond magic, either byte order. */
  PCAP,
  /** pcapng (starts with a section header block). */
  PCAPNG,
  /** One HEP v1/v2/v3 packet, or several concatenated as on a TCP stream. */
  HEP,
  /** SIP message text (one or more messages, as on a stream). */
  SIP_TEXT,
  /** None of the above. */
  UNKNOWN;

  /** Recognises the format from the first bytes of a file (at least 4 are needed). */
  public static CaptureFormat detect(byte[] b, int off, int len) {
    if (len < 4) return UNKNOWN;
    int be = Bytes.u32be(b, off);
    int le = Bytes.u32le(b, off);
    if (be == 0x0A0D0D0A) return PCAPNG;
    for (int magic : new int[] {0xA1B2C3D4, 0xA1B23C4D}) {
      if (be == magic || le == magic) return PCAP;
    }
    if (be == 0x48455033) return HEP; // "HEP3"
    if (HepDecoder.looksLikeHep12(b, off, len)) return HEP;
    if (PayloadSniffer.looksLikeSip(b, off, len)) return SIP_TEXT;
    return UNKNOWN;
  }
}
