package dev.vigie.bench;

import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whole-capture analysis from memory, one thread: {@link CaptureDecoder#read(byte[],
 * dev.vigie.wire.capture.SipSink)} over the capture of {@link BenchCapture} into a sink that only
 * counts and hands the event to a {@link Blackhole} (framing: link, IP, UDP/TCP, SIP framing and
 * the event record, which the JIT could otherwise elide when the sink ignores it) against the same
 * read feeding a fresh {@link DetectionEngine} (what {@code vigie analyze} does, minus the report).
 *
 * <p>The score is seconds per capture; the {@code messages} auxiliary counter is SIP messages per
 * second, the figure to compare (detection must keep at least 70% of framing-only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CaptureBenchmark {
  private byte[] capture;

  /** Per-iteration SIP message count, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Messages {
    public long messages;

    @Setup(Level.Iteration)
    public void reset() {
      messages = 0;
    }
  }

  @Setup
  public void load() {
    capture = BenchCapture.bytes();
  }

  @Benchmark
  public CaptureSummary framingOnly(Messages count, Blackhole bh) {
    long[] n = new long[1];
    CaptureSummary s =
        CaptureDecoder.read(
            capture,
            e -> {
              n[0]++;
              bh.consume(e); // a real sink receives the event: keep the JIT from eliding it
            });
    count.messages += n[0];
    return s;
  }

  @Benchmark
  public Object withDetection(Messages count) {
    DetectionEngine engine =
        new DetectionEngine(BenchCapture.inventory(), Thresholds.defaults(), a -> {});
    long[] n = new long[1];
    CaptureDecoder.read(
        capture,
        (SipEvent e) -> {
          n[0]++;
          engine.onSip(e);
        });
    engine.finish();
    count.messages += n[0];
    return engine.alerts();
  }
}
