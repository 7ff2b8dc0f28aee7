package dev.vigie.bench;

import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SIP framing throughput on the {@link SipCorpus} mix, one thread: Vigie's in-place framer against
 * pkts-sip's {@code SipMessage.frame}. Each benchmark frames every message of the corpus and reads
 * what detection reads eagerly (method or status, CSeq); scores are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipFramingBenchmark {
  private byte[][] corpus;

  @Setup
  public void setUp() {
    List<byte[]> m = SipCorpus.messages();
    corpus = m.toArray(new byte[0][]);
  }

  @Benchmark
  @OperationsPerInvocation(13)
  public void vigieFrame(Blackhole bh) {
    for (byte[] b : corpus) {
      SipFrame f = SipFramer.frame(b, 0, b.length);
      if (f instanceof SipMessage m) {
        bh.consume(m.method());
        bh.consume(m.statusCode());
        bh.consume(m.cseqNumber());
      } else {
        throw new IllegalStateException(f.toString());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(13)
  public void pktsFrame(Blackhole bh) throws Exception {
    for (byte[] b : corpus) {
      io.pkts.packet.sip.SipMessage m = io.pkts.packet.sip.SipMessage.frame(b);
      bh.consume(m.isRequest() ? m.getMethod() : null);
      bh.consume(m.isResponse() ? m.toResponse().getStatus() : 0);
      bh.consume(m.getCSeqHeader());
    }
  }

  /** Framing plus the fields a rule reads as strings (Call-ID, From user, User-Agent). */
  @Benchmark
  @OperationsPerInvocation(13)
  public void vigieFrameAndFields(Blackhole bh) {
    for (byte[] b : corpus) {
      SipMessage m = (SipMessage) SipFramer.frame(b, 0, b.length);
      bh.consume(m.callId());
      bh.consume(m.fromUser());
      bh.consume(m.userAgent());
    }
  }
}
