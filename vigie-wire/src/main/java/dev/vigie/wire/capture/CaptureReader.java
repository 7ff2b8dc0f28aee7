package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import java.io.IOException;

/**
 * The record level of a capture: recognises pcap or pcapng by the first bytes and hands every
 * packet to a {@link PacketHandler}, without decoding it. {@link CaptureDecoder} is the handler
 * that makes SIP events; other handlers (counting, filtering, re-writing) can use this directly.
 */
public final class CaptureReader {
  private CaptureReader() {}

  /**
   * Reads all records of a pcap or pcapng input.
   *
   * @return how reading ended; {@link ReadStatus#error()} says why when the input is neither pcap
   *     nor pcapng or holds an impossible record
   * @throws IOException only when the underlying channel fails
   */
  public static ReadStatus read(ByteWindow w, PacketHandler h) throws IOException {
    w.ensure(4);
    CaptureFormat f = CaptureFormat.detect(w.buf, w.pos, w.available());
    return switch (f) {
      case PCAP -> PcapReader.read(w, h);
      case PCAPNG -> PcapngReader.read(w, h);
      default -> new ReadStatus(f, 0, false, new Malformed("file", "neither pcap nor pcapng"));
    };
  }
}
