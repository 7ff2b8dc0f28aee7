package dev.vigie.bench;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A paced HEP v3 load generator for {@code bench/hep-load.sh}: pre-encoded packets carrying the
 * {@link SipCorpus} mix, sent to a loopback collector over UDP (one datagram per packet) or TCP
 * (packets back to back in one stream).
 *
 * <p>Usage: {@code HepLoad --to 127.0.0.1:PORT [--udp|--tcp] [--rate N] [--seconds S] [--count N]
 * [--spoof]}. {@code --rate 0} sends as fast as possible. The run stops at {@code --count} packets
 * or after {@code --seconds}, whichever comes first (both bounded: at most 10^9 packets, 1 hour).
 * {@code --spoof} gives every packet a distinct source address in its HEP header (packet i claims a
 * source made of a 24-bit permutation of i under a first octet 1-201, so a million packets are a
 * million distinct, scattered sources); otherwise 1,000 phones talk to 50 PBXs.
 *
 * <p>Pacing: packets are due at {@code start + i / rate}; the sender sends whatever is due (at most
 * 256 at once) then parks for 20 µs, so the achieved rate tracks the target within a fraction of a
 * percent and bursts stay under 256 packets. Only the loopback is allowed as a destination. Prints
 * one JSON line: packets sent, seconds, achieved rate, bytes.
 */
public final class HepLoad {
  private static final int TEMPLATES = 1000;

  private HepLoad() {}

  public static void main(String[] args) throws IOException {
    String to = null;
    boolean tcp = false;
    boolean spoof = false;
    long rate = 100_000;
    double seconds = 60;
    long count = Long.MAX_VALUE;
    double warmup = 0;
    double pause = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--to" -> to = args[++i];
        case "--tcp" -> tcp = true;
        case "--udp" -> tcp = false;
        case "--spoof" -> spoof = true;
        case "--rate" -> rate = Long.parseLong(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--count" -> count = Long.parseLong(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--pause" -> pause = Math.min(60, Double.parseDouble(args[++i]));
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (to == null || !to.contains(":")) usage("--to HOST:PORT is required");
    InetSocketAddress target =
        new InetSocketAddress(
            to.substring(0, to.lastIndexOf(':')),
            Integer.parseInt(to.substring(to.lastIndexOf(':') + 1)));
    if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
      usage("only a loopback destination is allowed: " + to);
    }
    if (rate < 0 || seconds <= 0 || seconds > 3600 || count <= 0) usage("bad --rate/--seconds");
    count = Math.min(count, 1_000_000_000L);
    Packets packets = spoof ? Packets.spoofed() : Packets.platform();
    if (warmup > 0) {
      // the same load, not counted: warms this JVM and the server, then pauses for the caller
      double w = Math.min(warmup, 60);
      Result wr =
          tcp ? sendTcp(target, packets, rate, w, count) : sendUdp(target, packets, rate, w, count);
      System.out.println("warm " + wr.sent);
      System.out.flush();
      LockSupport.parkNanos((long) (pause * 1e9)); // the caller snapshots counters meanwhile
    }
    Result r =
        tcp
            ? sendTcp(target, packets, rate, seconds, count)
            : sendUdp(target, packets, rate, seconds, count);
    System.out.printf(
        Locale.ROOT,
        "{\"transport\":\"%s\",\"spoof\":%s,\"targetRate\":%d,\"sent\":%d,\"seconds\":%.3f,"
            + "\"rate\":%.0f,\"bytes\":%d}%n",
        tcp ? "tcp" : "udp",
        spoof,
        rate,
        r.sent,
        r.nanos / 1e9,
        r.sent / (r.nanos / 1e9),
        r.bytes);
  }

  private record Result(long sent, long nanos, long bytes) {}

  private static Result sendUdp(
      InetSocketAddress target, Packets packets, long rate, double seconds, long count)
      throws IOException {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
      ch.connect(target);
      return paced(rate, seconds, count, packets, b -> ch.write(ByteBuffer.wrap(b)));
    }
  }

  private static Result sendTcp(
      InetSocketAddress target, Packets packets, long rate, double seconds, long count)
      throws IOException {
    try (SocketChannel ch = SocketChannel.open(target)) {
      ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, false);
      ByteBuffer out = ByteBuffer.allocateDirect(256 << 10);
      Sender s =
          b -> {
            if (out.remaining() < b.length) flush(ch, out);
            out.put(b);
            return b.length;
          };
      Result r =
          paced(
              rate,
              seconds,
              count,
              packets,
              new Sender() {
                int sinceFlush;

                @Override
                public int send(byte[] b) throws IOException {
                  int n = s.send(b);
                  if (rate > 0 && ++sinceFlush >= 64) { // paced: do not hold packets back for long
                    flush(ch, out);
                    sinceFlush = 0;
                  }
                  return n;
                }
              });
      flush(ch, out);
      return r;
    }
  }

  private static void flush(SocketChannel ch, ByteBuffer out) throws IOException {
    out.flip();
    while (out.hasRemaining()) ch.write(out);
    out.clear();
  }

  @FunctionalInterface
  private interface Sender {
    int send(byte[] packet) throws IOException;
  }

  private static Result paced(long rate, double seconds, long count, Packets p, Sender s)
      throws IOException {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long sent = 0;
    long bytes = 0;
    while (sent < count) {
      long now = System.nanoTime();
      if (now >= deadline) break;
      long due = rate == 0 ? sent + 256 : (long) ((now - start) * (rate / 1e9)) + 1;
      long burst = Math.min(Math.min(due - sent, 256), count - sent);
      if (burst <= 0) {
        LockSupport.parkNanos(20_000);
        continue;
      }
      for (long k = 0; k < burst; k++, sent++) bytes += s.send(p.next(sent));
    }
    return new Result(sent, System.nanoTime() - start, bytes);
  }

  /** Pre-encoded packets, handed out in turn; the spoofed kind rewrites its source address. */
  private static final class Packets {
    private final byte[][] templates;
    private final int srcOffset;

    private Packets(byte[][] templates, int srcOffset) {
      this.templates = templates;
      this.srcOffset = srcOffset;
    }

    byte[] next(long i) {
      byte[] b = templates[(int) (i % templates.length)];
      if (srcOffset >= 0) {
        // low 24 bits: an odd-multiplier permutation of i (distinct for i < 2^24); first octet
        // 1..201 without 127: a million packets claim a million distinct, scattered sources
        long a = (i * 0x9E37_79B1L) & 0xFF_FFFFL;
        int first = 1 + (int) (i % 200);
        b[srcOffset] = (byte) (first >= 127 ? first + 1 : first);
        b[srcOffset + 1] = (byte) (a >>> 16);
        b[srcOffset + 2] = (byte) (a >>> 8);
        b[srcOffset + 3] = (byte) a;
      }
      return b;
    }

    static Packets platform() {
      List<byte[]> corpus = SipCorpus.messages();
      byte[][] t = new byte[TEMPLATES][];
      for (int i = 0; i < TEMPLATES; i++) {
        IpAddress phone = IpAddress.parse("10.1." + (i / 250) + "." + (1 + i % 250));
        IpAddress pbx = IpAddress.parse("10.0.1." + (10 + i % 50));
        byte[] sip = corpus.get(i % corpus.size());
        boolean out = i % 2 == 1;
        t[i] =
            HepEncoder.encode(
                HepPacket.sip(out ? pbx : phone, 5060, out ? phone : pbx, 5060, 17, 0, 1, sip));
      }
      return new Packets(t, -1);
    }

    static Packets spoofed() {
      byte[] register = SipCorpus.messages().get(7); // REGISTER without credentials
      IpAddress marker = IpAddress.parse("203.0.113.77");
      byte[] b =
          HepEncoder.encode(
              HepPacket.sip(marker, 5060, IpAddress.parse("10.0.1.15"), 5060, 17, 0, 1, register));
      byte[] m = marker.toBytes();
      for (int off = 0; off + 4 <= b.length; off++) {
        if (b[off] == m[0] && b[off + 1] == m[1] && b[off + 2] == m[2] && b[off + 3] == m[3]) {
          return new Packets(new byte[][] {b}, off);
        }
      }
      throw new IllegalStateException("source address not found in the encoded HEP packet");
    }
  }

  private static void usage(String why) {
    System.err.println("HepLoad: " + why);
    System.err.println(
        "usage: HepLoad --to 127.0.0.1:PORT [--udp|--tcp] [--rate N] [--seconds S] [--count N]"
            + " [--spoof] [--warmup S [--pause S]]");
    System.exit(2);
  }
}
