package dev.vigie.server.demo;

import dev.vigie.server.ingest.HepReplayer;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --demo}: replays the lab captures bundled in the jar into Vigie's own HEP listener,
 * one after the other at their recorded pace, in a loop, so that a newcomer sees normal traffic, an
 * enumeration, a password guess, a flood, a machine burst and toll fraud within a minute or two.
 * Only to 127.0.0.1. Stops when closed.
 */
public final class DemoFeeder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoFeeder.class);

  /**
   * Scenario order: something visible early (svwar), the machine burst Vigie exists for soon after.
   */
  static final List<String> SCENARIOS =
      List.of("svwar", "machine-burst", "svcrack", "toll-fraud", "flood", "normal");

  private final Thread thread;

  private DemoFeeder(int hepPort) {
    this.thread = Thread.ofVirtual().name("vigie-demo").unstarted(() -> loop(hepPort));
  }

  public static DemoFeeder start(int hepPort) {
    DemoFeeder f = new DemoFeeder(hepPort);
    f.thread.start();
    return f;
  }

  /** The bundled scenarios' events, read from the jar. */
  static List<List<SipEvent>> load() throws IOException {
    List<List<SipEvent>> out = new ArrayList<>();
    for (String name : SCENARIOS) {
      try (InputStream in = DemoFeeder.class.getResourceAsStream("/demo/" + name + ".sip.pcap")) {
        if (in == null) throw new IOException("demo capture " + name + " missing from the jar");
        List<SipEvent> events = new ArrayList<>();
        CaptureDecoder.read(in.readAllBytes(), events::add);
        out.add(events);
      }
    }
    return out;
  }

  private void loop(int hepPort) {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.connect(new InetSocketAddress("127.0.0.1", hepPort));
      List<List<SipEvent>> scenarios = load();
      HepReplayer replayer = new HepReplayer(null, false, 2001, null);
      for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
        for (int i = 0; i < scenarios.size() && !Thread.currentThread().isInterrupted(); i++) {
          LOG.info("demo: replaying {} (round {})", SCENARIOS.get(i), round + 1);
          replayer.send(scenarios.get(i), 1, b -> ch.write(ByteBuffer.wrap(b)));
          Thread.sleep(3000);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.error("demo feeder stopped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
