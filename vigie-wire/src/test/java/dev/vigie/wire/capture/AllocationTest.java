package dev.vigie.wire.capture;

import static dev.vigie.wire.testing.Frames.ACK;
import static dev.vigie.wire.testing.Frames.ascii;
import static dev.vigie.wire.testing.Frames.ethernet;
import static dev.vigie.wire.testing.Frames.tcp4;
import static dev.vigie.wire.testing.Frames.udp4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.testing.CaptureFiles.Pcap;
import dev.vigie.wire.testing.SipSamples;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * "Frame, don't parse": packets that are not SIP cost no allocation, and a SIP message costs only
 * its event (measured with the JVM's per-thread allocation counter).
 */
class AllocationTest {
  static final int N = 20_000;

  static long allocatedBy(Runnable r) {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  /** Until the JIT has compiled the path (the interpreter's first runs allocate on their own). */
  static void warmUp(byte[] file) {
    for (int i = 0; i < 15; i++) CaptureDecoder.read(file, e -> {});
  }

  static byte[] capture(byte[] frame, int count) {
    Pcap p = new Pcap(1, false, false);
    for (int i = 0; i < count; i++) p.packet(1_700_000_000L + i, i, frame);
    return p.bytes();
  }

  @Test
  void rtpAndPureAcksAllocateNothingPerPacket() {
    byte[] rtp = new byte[172];
    rtp[0] = (byte) 0x80;
    byte[] udp = capture(ethernet(udp4("10.0.0.1", 10000, "10.0.0.2", 20000, rtp)), N);
    byte[] acks =
        capture(ethernet(tcp4("10.0.0.1", 5060, "10.0.0.2", 40000, 5, ACK, new byte[0])), N);
    for (byte[] file : new byte[][] {udp, acks}) {
      warmUp(file);
      long bytes = allocatedBy(() -> CaptureDecoder.read(file, e -> {}));
      assertThat(bytes / N).as("bytes allocated per packet").isLessThan(2);
    }
  }

  @Test
  void aSipMessageAllocatesOnlyItsEvent() {
    byte[] file =
        capture(
            ethernet(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, ascii(SipSamples.invite("a", 400)))),
            N);
    warmUp(file);
    long bytes = allocatedBy(() -> CaptureDecoder.read(file, e -> {}));
    // SipEvent + SipMessage (two int[12]) + two IpAddress: about 300 bytes with headers
    assertThat(bytes / N).as("bytes allocated per SIP message").isLessThan(400);
  }
}
