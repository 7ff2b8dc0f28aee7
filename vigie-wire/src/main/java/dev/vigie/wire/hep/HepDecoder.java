package dev.vigie.wire.hep;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.net.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Decodes HEP (Homer Encapsulation Protocol) packets.
 *
 * <ul>
 *   <li>v3: "HEP3", total length (u16), then chunks of vendor (u16), type (u16), length (u16,
 *       including the 6-byte chunk header) and value, all in network order. Every vendor-0 chunk
 *       type 1..19 is read; chunks of other vendors and unknown types are skipped. A chunk length
 *       under 6 or past the packet, a total length past the input, or a known chunk with the wrong
 *       size is refused.
 *   <li>v1/v2: {@code version, header length, family, protocol} (u8 each), source and destination
 *       ports (u16, network order), the two addresses (4 or 16 bytes each); the header length is 16
 *       (IPv4) or 40 (IPv6). v2 then carries seconds, microseconds (u32) and capture id (u16) in
 *       the sender's byte order (little-endian on every known sender; big-endian is accepted when
 *       the little-endian reading is implausible), padded to 12 bytes by most senders (10 bytes
 *       accepted). The rest is the payload.
 * </ul>
 *
 * O(packet length), no allocation except for a compressed payload. Stateless and thread-safe.
 */
public final class HepDecoder {
  /** Largest inflated payload accepted from a compressed chunk. */
  public static final int MAX_INFLATED = 1 << 20;

  private HepDecoder() {}

  /** Decodes one packet into a record, or the reason it is not HEP. */
  public static HepDecoded decode(byte[] b, int off, int len) {
    HepFields f = new HepFields();
    String bad = decodeInto(b, off, len, f);
    return bad == null ? f.toPacket() : new HepDecoded.Bad(new Malformed("hep", bad));
  }

  /** Decodes the whole array. */
  public static HepDecoded decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /**
   * True when the bytes start with a plausible HEP v1/v2 header (version 1 or 2, header length 16
   * with family 2, or 40 with family 10, protocol UDP/TCP/SCTP, long enough). SIP text never
   * passes: its first byte is a letter.
   */
  public static boolean looksLikeHep12(byte[] b, int off, int len) {
    if (len < 16) return false;
    int v = b[off];
    int hl = b[off + 1] & 0xFF;
    int fam = b[off + 2];
    int proto = b[off + 3] & 0xFF;
    if (v != 1 && v != 2) return false;
    if (!((hl == 16 && fam == 2) || (hl == 40 && fam == 10))) return false;
    if (proto != 17 && proto != 6 && proto != 132) return false;
    return len >= hl + (v == 2 ? 10 : 0);
  }

  /** True for "HEP3" or a plausible v1/v2 header. */
  public static boolean isHep(byte[] b, int off, int len) {
    return (len >= 4
            && b[off] == 'H'
            && b[off + 1] == 'E'
            && b[off + 2] == 'P'
            && b[off + 3] == '3')
        || looksLikeHep12(b, off, len);
  }

  /**
   * True when {@code b} is a HEP3 packet whose auth-key chunk (vendor 0, type 14, trailing NULs
   * ignored) equals {@code key}. Walks the chunk headers only (no value is decoded, nothing is
   * inflated, nothing allocated): a listener checks it on the network thread before any decoding.
   * HEP v1/v2 carry no key and never pass.
   */
  public static boolean carriesAuthKey(byte[] b, int off, int len, byte[] key) {
    if (len < 6 || b[off] != 'H' || b[off + 1] != 'E' || b[off + 2] != 'P' || b[off + 3] != '3')
      return false;
    int end = off + Math.min(len, Bytes.u16be(b, off + 4));
    int q = off + 6;
    while (end - q >= 6) {
      int clen = Bytes.u16be(b, q + 4);
      if (clen < 6 || clen > end - q) return false;
      if (Bytes.u16be(b, q) == 0 && Bytes.u16be(b, q + 2) == 14) {
        int n = stringLength(b, q + 6, clen - 6);
        return n == key.length && java.util.Arrays.equals(b, q + 6, q + 6 + n, key, 0, n);
      }
      q += clen;
    }
    return false;
  }

  /**
   * Decodes into a reusable view.
   *
   * @return null when decoded, else the reason the bytes were refused
   */
  public static String decodeInto(byte[] b, int off, int len, HepFields f) {
    return decodeInto(b, off, len, f, OFFLINE);
  }

  private static final InflateBudget OFFLINE = InflateBudget.unlimitedRate();

  /**
   * Decodes into a reusable view; a compressed payload (chunk 16) inflates within {@code budget}:
   * at most one compressed chunk per packet, at most the budget's allowance checked before
   * inflating (an inflation bomb costs what the budget grants, then is refused).
   *
   * @return null when decoded, else the reason the bytes were refused
   */
  public static String decodeInto(byte[] b, int off, int len, HepFields f, InflateBudget budget) {
    f.clear(b);
    if (b == null || off < 0 || len < 0 || off + len > b.length) return "bad buffer range";
    if (len >= 4 && b[off] == 'H' && b[off + 1] == 'E' && b[off + 2] == 'P') {
      if (b[off + 3] != '3') return "unknown HEP version";
      return v3(b, off, len, f, budget);
    }
    if (looksLikeHep12(b, off, len)) return v12(b, off, len, f);
    return "neither HEP3 nor a HEP v1/v2 header";
  }

  private static String v12(byte[] b, int off, int len, HepFields f) {
    f.version = b[off];
    int hl = b[off + 1] & 0xFF;
    f.family = b[off + 2];
    f.ipProtocol = b[off + 3] & 0xFF;
    f.srcPort = Bytes.u16be(b, off + 4);
    f.dstPort = Bytes.u16be(b, off + 6);
    f.hasAddresses = true;
    if (hl == 16) {
      f.srcLo = Bytes.u32be(b, off + 8) & 0xFFFF_FFFFL;
      f.dstLo = Bytes.u32be(b, off + 12) & 0xFFFF_FFFFL;
    } else {
      f.v6 = true;
      f.srcHi = Bytes.u64be(b, off + 8);
      f.srcLo = Bytes.u64be(b, off + 16);
      f.dstHi = Bytes.u64be(b, off + 24);
      f.dstLo = Bytes.u64be(b, off + 32);
    }
    f.protocolType = HepPacket.SIP;
    int p = off + hl;
    int end = off + len;
    if (f.version == 2) {
      int t = p;
      // 12 bytes (u32, u32, u16 + 2 padding) unless the padding is clearly payload text
      boolean padded = end - t >= 12 && (b[t + 10] == 0 && b[t + 11] == 0 || end - t == 12);
      p = t + (padded ? 12 : 10);
      long secLe = Bytes.u32(b, t, false);
      long usecLe = Bytes.u32(b, t + 4, false);
      boolean le = plausibleSeconds(secLe) && usecLe < 1_000_000L;
      long secBe = Bytes.u32(b, t, true);
      long usecBe = Bytes.u32(b, t + 4, true);
      if (!le && plausibleSeconds(secBe) && usecBe < 1_000_000L) {
        f.seconds = secBe;
        f.micros = usecBe;
        f.captureId = Bytes.u16be(b, t + 8);
      } else {
        f.seconds = secLe;
        f.micros = Math.min(usecLe, 999_999L);
        f.captureId = Bytes.u16le(b, t + 8);
      }
    }
    f.payload = b;
    f.payloadOff = p;
    f.payloadLen = end - p;
    return null;
  }

  private static boolean plausibleSeconds(long s) {
    return s >= 946_684_800L && s < 4_102_444_800L; // years 2000 to 2100
  }

  private static String v3(byte[] b, int off, int len, HepFields f, InflateBudget budget) {
    f.version = 3;
    if (len < 6) return "packet shorter than the HEP3 header";
    int total = Bytes.u16be(b, off + 4);
    if (total < 6) return "total length under 6";
    if (total > len) return "total length exceeds the packet";
    int end = off + total;
    int q = off + 6;
    boolean hasSrc = false;
    boolean hasDst = false;
    boolean compressed = false;
    while (q < end) {
      if (end - q < 6) return "trailing bytes shorter than a chunk header";
      int vendor = Bytes.u16be(b, q);
      int type = Bytes.u16be(b, q + 2);
      int clen = Bytes.u16be(b, q + 4);
      if (clen < 6) return "chunk length shorter than its header";
      if (clen > end - q) return "chunk length exceeds the packet";
      int v = q + 6;
      int n = clen - 6;
      q += clen;
      if (vendor != 0) continue;
      String bad =
          switch (type) {
            case 1 -> n != 1 ? "chunk 1 (IP family) length is not 1" : family(f, b[v] & 0xFF);
            case 2 -> {
              if (n != 1) yield "chunk 2 (IP protocol) length is not 1";
              f.ipProtocol = b[v] & 0xFF;
              yield null;
            }
            case 3, 4 -> {
              if (n != 4) yield "chunk " + type + " (IPv4 address) length is not 4";
              long a = Bytes.u32be(b, v) & 0xFFFF_FFFFL;
              if (type == 3) {
                f.srcLo = a;
                hasSrc = true;
              } else {
                f.dstLo = a;
                hasDst = true;
              }
              if (f.family == 0) f.family = 2;
              yield null;
            }
            case 5, 6 -> {
              if (n != 16) yield "chunk " + type + " (IPv6 address) length is not 16";
              if (type == 5) {
                f.srcHi = Bytes.u64be(b, v);
                f.srcLo = Bytes.u64be(b, v + 8);
                hasSrc = true;
              } else {
                f.dstHi = Bytes.u64be(b, v);
                f.dstLo = Bytes.u64be(b, v + 8);
                hasDst = true;
              }
              if (f.family == 0) f.family = 10;
              yield null;
            }
            case 7, 8 -> {
              if (n != 2) yield "chunk " + type + " (port) length is not 2";
              if (type == 7) f.srcPort = Bytes.u16be(b, v);
              else f.dstPort = Bytes.u16be(b, v);
              yield null;
            }
            case 9, 10 -> {
              if (n != 4) yield "chunk " + type + " (timestamp) length is not 4";
              long t = Bytes.u32be(b, v) & 0xFFFF_FFFFL;
              if (type == 9) f.seconds = t;
              else if (t >= 1_000_000L) yield "chunk 10 (microseconds) is 1000000 or more";
              else f.micros = t;
              yield null;
            }
            case 11 -> {
              if (n != 1) yield "chunk 11 (protocol type) length is not 1";
              f.protocolType = b[v] & 0xFF;
              yield null;
            }
            case 12 -> {
              if (n != 4 && n != 2) yield "chunk 12 (capture id) length is not 4";
              f.captureId = n == 4 ? Bytes.u32be(b, v) & 0xFFFF_FFFFL : Bytes.u16be(b, v);
              yield null;
            }
            case 13 -> {
              f.keepAlive = true;
              yield null;
            }
            case 14 -> {
              f.authOff = v;
              f.authLen = stringLength(b, v, n);
              yield null;
            }
            case 15 -> {
              f.payload = b;
              f.payloadOff = v;
              f.payloadLen = n;
              yield null;
            }
            case 16 -> {
              if (compressed) yield "more than one compressed payload chunk";
              compressed = true;
              yield inflate(b, v, n, f, budget);
            }
            case 17 -> {
              f.corrOff = v;
              f.corrLen = stringLength(b, v, n);
              yield null;
            }
            case 18 -> {
              if (n != 2) yield "chunk 18 (VLAN) length is not 2";
              f.vlan = Bytes.u16be(b, v);
              yield null;
            }
            case 19 -> {
              f.nodeOff = v;
              f.nodeLen = stringLength(b, v, n);
              yield null;
            }
            default -> null; // unknown vendor-0 type: skipped
          };
      if (bad != null) return bad;
    }
    if (hasSrc != hasDst) return "only one of the source and destination addresses";
    f.hasAddresses = hasSrc;
    if (hasSrc && f.family == 10 != f.v6) return "IP family disagrees with the address chunks";
    if (f.payload == null) {
      f.payload = b;
      f.payloadOff = end;
    }
    return null;
  }

  private static String family(HepFields f, int fam) {
    if (fam != 2 && fam != 10) return "chunk 1 (IP family) is neither 2 nor 10";
    f.family = fam;
    f.v6 = fam == 10;
    return null;
  }

  /** String chunks are often NUL-terminated: the terminator is not part of the value. */
  private static int stringLength(byte[] b, int v, int n) {
    while (n > 0 && b[v + n - 1] == 0) n--;
    return n;
  }

  private static String inflate(byte[] b, int v, int n, HepFields f, InflateBudget budget) {
    int cap = budget.allowance();
    if (cap <= 0) {
      budget.refuse();
      return "inflate budget of " + budget.perSecond() + " bytes per second used up";
    }
    byte[] out = new byte[Math.min(cap, Math.max(256, n * 4))];
    int size = 0;
    String tooBig = "compressed payload inflates over " + cap + " bytes";
    try {
      if (n >= 2 && (b[v] & 0xFF) == 0x1F && (b[v + 1] & 0xFF) == 0x8B) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b, v, n))) {
          int r;
          while ((r = in.read(out, size, out.length - size)) > 0) {
            size += r;
            if (size == out.length) {
              if (out.length >= cap) {
                if (in.read() < 0) break; // exactly the cap
                budget.refuse();
                return tooBig;
              }
              out = java.util.Arrays.copyOf(out, Math.min(cap, out.length * 2));
            }
          }
        }
      } else {
        Inflater inf = new Inflater();
        try {
          inf.setInput(b, v, n);
          while (!inf.finished()) {
            int r = inf.inflate(out, size, out.length - size);
            size += r;
            if (size == out.length && !inf.finished()) {
              if (out.length >= cap) {
                budget.refuse();
                return tooBig;
              }
              out = java.util.Arrays.copyOf(out, Math.min(cap, out.length * 2));
            } else if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
              return "compressed payload is cut short";
            }
          }
        } finally {
          inf.end();
        }
      }
    } catch (IOException | DataFormatException | RuntimeException e) {
      return "compressed payload is not gzip or zlib data";
    } finally {
      budget.spend(size);
    }
    f.payload = out;
    f.payloadOff = 0;
    f.payloadLen = size;
    return null;
  }
}
