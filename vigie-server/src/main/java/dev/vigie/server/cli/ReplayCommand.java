package dev.vigie.server.cli;

import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.ingest.HepReplayer;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigie replay FILE --to HOST:PORT}: sends the SIP of a capture as HEP v3, over UDP or TCP.
 * Bounded by the file; paced by the capture's own timing, or at {@code --rate} messages per second
 * ({@code --rate 0}: as fast as possible). Timestamps are set to the sending time, as a live
 * capture agent would, unless {@code --keep-timestamps}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Resend the SIP of a capture as HEP v3 to a HEP listener.")
public final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "pcap, pcapng, raw SIP or HEP capture")
  Path file;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "HEP listener")
  String to;

  @Option(names = "--tcp", description = "send over TCP (default UDP)")
  boolean tcp;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "messages per second (0: unpaced; default: the capture's timing)")
  Integer rate;

  @Option(
      names = "--keep-timestamps",
      description = "keep the capture's timestamps instead of the sending time")
  boolean keepTimestamps;

  @Option(
      names = "--loop",
      paramLabel = "N",
      defaultValue = "1",
      description = "send the capture N times (default 1)")
  int loops;

  @Option(
      names = "--capture-id",
      paramLabel = "ID",
      description = "HEP capture agent id to stamp (default: the capture's)")
  Integer captureId;

  @Option(
      names = "--auth-key",
      paramLabel = "KEY",
      description = "HEP v3 auth key to send (chunk 14), for a listener that requires one")
  String authKey;

  private final PrintStream out;
  private final PrintStream err;

  public ReplayCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    String[] hp;
    try {
      hp = ServeConfig.splitHostPort(to, "--to");
    } catch (ConfigException e) {
      err.println("vigie replay: " + e.getMessage());
      return 2;
    }
    if (rate != null && rate < 0) {
      err.println("vigie replay: --rate: must be 0 or more");
      return 2;
    }
    if (loops < 1 || loops > 1_000_000) {
      err.println("vigie replay: --loop: must be between 1 and 1000000");
      return 2;
    }
    List<SipEvent> events = new ArrayList<>();
    CaptureSummary s = CaptureDecoder.read(file, events::add);
    if (!s.ok()) {
      err.println("vigie replay: " + AnalyzeCommand.oneLine(s.error().reason()));
      return 2;
    }
    InetSocketAddress target = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    long t0 = System.nanoTime();
    long sent;
    try {
      sent = tcp ? sendTcp(events, target) : sendUdp(events, target);
    } catch (IOException e) {
      err.println("vigie replay: " + to + ": " + e.getMessage());
      return 1;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    out.printf(
        "sent %d SIP messages as HEP v3 over %s to %s in %.2f s (%.0f/s)%s%n",
        sent,
        tcp ? "TCP" : "UDP",
        to,
        secs,
        sent / Math.max(secs, 1e-9),
        rate != null && rate == 0
            ? ""
            : String.format(", at most %.1f ms late", replayer().maxLateNanos() / 1e6));
    return 0;
  }

  private HepReplayer replayer;

  private HepReplayer replayer() {
    if (replayer == null) replayer = new HepReplayer(rate, keepTimestamps, captureId, authKey);
    return replayer;
  }

  private long sendUdp(List<SipEvent> events, InetSocketAddress target) throws IOException {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.connect(target);
      return replayer().send(events, loops, bytes -> ch.write(ByteBuffer.wrap(bytes)));
    }
  }

  private long sendTcp(List<SipEvent> events, InetSocketAddress target) throws IOException {
    try (Socket sock = new Socket()) {
      sock.connect(target, 5000);
      sock.setTcpNoDelay(true);
      OutputStream os = new java.io.BufferedOutputStream(sock.getOutputStream(), 1 << 16);
      // paced: each packet leaves at its time (a buffered stream would send them in bunches)
      boolean paced = rate == null || rate > 0;
      long n =
          replayer()
              .send(
                  events,
                  loops,
                  bytes -> {
                    os.write(bytes);
                    if (paced) os.flush();
                  });
      os.flush();
      return n;
    }
  }
}
