package dev.vigie.bench;

import dev.vigie.wire.capture.ByteWindow;
import dev.vigie.wire.capture.CaptureReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pcap/pcapng reading layer alone: {@code CaptureReader} walks every record of a file (headers,
 * timestamps, lengths) and hands each packet to a handler that only counts bytes, no IP or SIP
 * decoding. Compared with {@code cat FILE > /dev/null} by {@code bench/read-vs-cat.sh}. Prints the
 * best of N runs in milliseconds (warm page cache, warm JIT).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vigie.bench.ReadRecords FILE [RUNS]}
 */
public final class ReadRecords {
  private ReadRecords() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long best = Long.MAX_VALUE;
    long packets = 0;
    for (int i = 0; i < runs; i++) {
      long[] count = new long[2];
      long t0 = System.nanoTime();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        CaptureReader.read(
            ByteWindow.of(ch, 1 << 20),
            (link, ts, buf, off, len, orig) -> {
              count[0]++;
              count[1] += len;
            });
      }
      long ns = System.nanoTime() - t0;
      best = Math.min(best, ns);
      packets = count[0];
    }
    System.out.printf("records %d, best of %d: %.1f ms%n", packets, runs, best / 1e6);
  }
}
