package dev.vigie.bench;

import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pcap reading path alone, from a file on a warm page cache: {@link CaptureDecoder#read(
 * java.nio.file.Path, dev.vigie.wire.capture.SipSink)} with a no-op sink (streamed through its 1
 * MiB window, every SIP message framed and copied out of the window) against plain {@code
 * FileChannel} reads of the same file into a 1 MiB buffer (the floor any Java reader pays; compare
 * both with {@code cat FILE > /dev/null}). Score: milliseconds per file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CaptureFileBenchmark {
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);

  @Benchmark
  public CaptureSummary decodeFile() {
    CaptureSummary s = CaptureDecoder.read(BenchCapture.path(), e -> {});
    if (s.error() != null) throw new IllegalStateException(s.error().toString());
    return s;
  }

  @Benchmark
  public long rawRead() throws IOException {
    long total = 0;
    try (FileChannel ch = FileChannel.open(BenchCapture.path(), StandardOpenOption.READ)) {
      for (int n; (n = ch.read(buf.clear())) >= 0; ) total += n;
    }
    return total;
  }
}
