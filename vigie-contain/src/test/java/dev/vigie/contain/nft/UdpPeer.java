package dev.vigie.contain.nft;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code udp_peer.py} process inside a namespace (python3 from the PATH), its output lines
 * collected as they come. Stopped by its own PID in {@link #close()}.
 */
final class UdpPeer implements AutoCloseable {

  /** One printed event: RX (server side), TX or ECHO (sender side). */
  record Event(String type, String who, long ms) {}

  private static Path script;
  private final Process process;
  private final List<Event> events = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);

  private UdpPeer(String ns, List<String> args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("ip", "netns", "exec", ns, "python3", script().toString()));
    cmd.addAll(args);
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread.ofVirtual().start(this::read);
  }

  /** An echo server bound to {@code addr port} pairs for {@code seconds}. */
  static UdpPeer serve(String ns, int seconds, String... addrPort) throws IOException {
    List<String> a = new ArrayList<>(List.of("serve", Integer.toString(seconds)));
    a.addAll(List.of(addrPort));
    return started(new UdpPeer(ns, a));
  }

  /** A sender from {@code src} to {@code dst:port}, one datagram every {@code intervalMs}. */
  static UdpPeer send(String ns, int seconds, int intervalMs, String src, String dst, int port)
      throws IOException {
    return started(
        new UdpPeer(
            ns,
            List.of(
                "send",
                Integer.toString(seconds),
                Integer.toString(intervalMs),
                src,
                dst,
                Integer.toString(port))));
  }

  private static UdpPeer started(UdpPeer p) throws IOException {
    try {
      if (!p.ready.await(10, TimeUnit.SECONDS)) {
        p.close();
        throw new IOException("udp_peer.py did not start: " + p.events());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return p;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Times (epoch ms) of datagrams received from {@code src} (server side). */
  synchronized List<Long> rxFrom(String src) {
    return events.stream()
        .filter(e -> e.type().equals("RX") && e.who().equals(src))
        .map(Event::ms)
        .toList();
  }

  /** Times of echoes received (sender side). */
  synchronized List<Long> echoes() {
    return events.stream().filter(e -> e.type().equals("ECHO")).map(Event::ms).toList();
  }

  private void read() {
    try (InputStream in = process.getInputStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        synchronized (this) {
          if (f[0].equals("READY")) {
            ready.countDown();
          } else if (f.length >= 3 && f[2].matches("\\d+")) {
            events.add(new Event(f[0], f[1], Long.parseLong(f[2])));
          } else {
            events.add(new Event("OUT", line, System.currentTimeMillis()));
          }
        }
      }
    } catch (IOException e) {
      // process gone
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static synchronized Path script() throws IOException {
    if (script == null) {
      Path p = Files.createTempFile("vigie-udp-peer", ".py");
      try (InputStream in = UdpPeer.class.getResourceAsStream("/netns/udp_peer.py")) {
        Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
      }
      p.toFile().deleteOnExit();
      script = p;
    }
    return script;
  }
}
