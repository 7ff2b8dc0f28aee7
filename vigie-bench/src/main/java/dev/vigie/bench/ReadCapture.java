package dev.vigie.bench;

import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.nio.file.Path;

/**
 * The pcap reading path alone, as a command to time against {@code cat}: {@link
 * CaptureDecoder#read(Path, dev.vigie.wire.capture.SipSink)} of each file with a no-op sink (link,
 * IP, UDP/TCP, SIP framing and the event are still built), then one line of counts. Exit 2 when a
 * file cannot be read.
 */
public final class ReadCapture {
  private ReadCapture() {}

  public static void main(String[] args) {
    int status = 0;
    for (String a : args) {
      long t0 = System.nanoTime();
      CaptureSummary s = CaptureDecoder.read(Path.of(a), e -> {});
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (s.error() != null) {
        System.err.println("read-capture: " + s.error().reason());
        status = 2;
        continue;
      }
      System.out.println(
          a + ": " + s.packets() + " packets, " + s.sipMessages() + " SIP messages, " + ms + " ms");
    }
    System.exit(status);
  }
}
