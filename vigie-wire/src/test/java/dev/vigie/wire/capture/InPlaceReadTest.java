package dev.vigie.wire.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.SipEvent;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading a file in place ({@link CaptureDecoder#read(Path, SipSink, boolean)}, {@link
 * ByteWindow#keeping}): the same events and summary as with copies, and every event still holds its
 * own message after the whole file was read through small buffers that were refilled many times.
 */
class InPlaceReadTest {
  private static final Path LAB = Path.of("../testdata/captures");

  private static List<String> texts(List<SipEvent> events) {
    List<String> out = new ArrayList<>();
    for (SipEvent e : events) {
      var m = e.sip();
      out.add(
          e.timestampMicros()
              + " "
              + e.src()
              + ":"
              + e.srcPort()
              + ">"
              + e.dst()
              + ":"
              + e.dstPort()
              + " "
              + new String(m.buffer(), m.offset(), m.length(), StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void labCapturesGiveTheSameEventsAndSummaries() throws Exception {
    List<Path> captures;
    try (Stream<Path> s = Files.list(LAB)) {
      captures = s.filter(p -> p.toString().matches(".*\\.pcap(ng)?(\\.gz)?$")).sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThan(20);
    for (Path c : captures) {
      List<SipEvent> copied = new ArrayList<>();
      List<SipEvent> inPlace = new ArrayList<>();
      CaptureSummary a = CaptureDecoder.read(c, copied::add, false);
      CaptureSummary b = CaptureDecoder.read(c, inPlace::add, true);
      assertThat(b).as(c.toString()).isEqualTo(a);
      assertThat(texts(inPlace)).as(c.toString()).isEqualTo(texts(copied));
    }
  }

  @Test
  void smallKeepingBuffersNeverOverwriteWhatWasFramed() throws Exception {
    Path c = LAB.resolve("normal.sip.pcap");
    byte[] file = Files.readAllBytes(c);
    List<SipEvent> reference = new ArrayList<>();
    CaptureDecoder.read(file, reference::add);
    // a channel that hands out at most 700 bytes per read, into a 4 KiB keeping window
    ReadableByteChannel trickle =
        new ReadableByteChannel() {
          int pos;

          @Override
          public int read(ByteBuffer dst) {
            if (pos == file.length) return -1;
            int n = Math.min(Math.min(700, dst.remaining()), file.length - pos);
            dst.put(file, pos, n);
            pos += n;
            return n;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    List<SipEvent> kept = new ArrayList<>();
    CaptureSummary s =
        new CaptureDecoder(kept::add).decode("trickle", ByteWindow.keeping(trickle, 4096));
    assertThat(s.error()).isNull();
    assertThat(kept).hasSize(reference.size()).hasSizeGreaterThan(400);
    assertThat(texts(kept)).isEqualTo(texts(reference));
    // framed in place: the events share the window's buffers instead of owning copies
    long shared = kept.stream().filter(e -> e.sip().buffer().length == 4096).count();
    assertThat(shared).isGreaterThan(kept.size() / 2);
  }
}
