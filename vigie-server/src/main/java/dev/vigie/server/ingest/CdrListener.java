package dev.vigie.server.ingest;

import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.server.LogText;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.cdr.CdrParser;
import dev.vigie.wire.cdr.CdrRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 3CX CDR "active socket" listener: 3CX connects (TCP) and writes one CDR per line, CSV, in the
 * field order of its CDR template. Each connection is read with the same {@link CdrParser} as
 * {@code vigie analyze --cdr}: a header row when the first line names known fields, else the
 * configured order ({@code server.cdr.fields}). Records go to the detection thread through {@link
 * IngestQueue#submit} (the engine is single-threaded); bad lines are counted ({@code
 * vigie_cdr_bad_lines_total}), never fatal; lines are capped ({@link BoundedLineReader}).
 *
 * <p><b>Why plain JDK sockets on virtual threads, not Netty.</b> A platform has a handful of 3CX
 * machines, each with one long-lived connection writing a line per finished call: a blocking,
 * line-at-a-time reader per connection is the simplest correct code, reuses the file parser's
 * {@code stream(Reader, ...)} unchanged (header detection included), and a virtual thread blocked
 * on a read costs a few hundred bytes. Connections are capped ({@code maxConnections}); one from an
 * address outside {@code server.cdr.allow} is closed before anything is read.
 *
 * <p>The machine of a record: {@code server.cdr.machine} when set, else the mapping {@code
 * server.cdr.machines} of the remote address, else the inventory machine owning that address, else
 * none (the CDR still counts for toll fraud, as from an unknown machine).
 */
public final class CdrListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CdrListener.class);

  /** Where records go: true when accepted, false when dropped. */
  public interface Sink {
    boolean accept(CdrRecord record, String machineId) throws InterruptedException;
  }

  private final CdrConfig cfg;
  private final Inventory inventory;
  private final CdrParser parser;
  private final Sink sink;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Counter connections;
  private final Counter refused;
  private final Counter notAllowed;
  private final Counter records;
  private final Counter badLines;
  private final Counter tooLong;
  private final Counter dropped;
  private final Thread acceptor;

  private CdrListener(
      CdrConfig cfg,
      Inventory inventory,
      ZoneId zone,
      Sink sink,
      MeterRegistry metrics,
      ServerSocket server) {
    this.cfg = cfg;
    this.inventory = inventory;
    this.parser = new CdrParser(cfg.fields(), zone);
    this.sink = sink;
    this.server = server;
    this.connections = metrics.counter("vigie_cdr_connections_total");
    this.refused = metrics.counter("vigie_cdr_connections_refused_total");
    this.notAllowed = metrics.counter("vigie_cdr_connections_not_allowed_total");
    this.records = metrics.counter("vigie_cdr_received_total");
    this.badLines = metrics.counter("vigie_cdr_bad_lines_total");
    this.tooLong = metrics.counter("vigie_cdr_lines_too_long_total");
    this.dropped = metrics.counter("vigie_cdr_dropped_total");
    this.acceptor = Thread.ofVirtual().name("vigie-cdr-accept").unstarted(this::acceptLoop);
  }

  /**
   * Binds {@code cfg.host():cfg.port()} (port 0 is not "off" here: the caller starts the listener
   * only when {@code server.cdrPort} is set) and starts accepting.
   */
  public static CdrListener start(
      CdrConfig cfg, Inventory inventory, ZoneId zone, Sink sink, MeterRegistry metrics)
      throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(cfg.host()), cfg.port()), 16);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    CdrListener l = new CdrListener(cfg, inventory, zone, sink, metrics, s);
    l.acceptor.start();
    return l;
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (server.isClosed()) return;
        LOG.warn("cdr: accept failed: {}", e.toString());
        pause(); // e.g. out of file descriptors: do not spin
        continue;
      }
      if (!allowed(s.getInetAddress())) {
        notAllowed.increment();
        closeQuietly(s);
        continue;
      }
      if (open.size() >= cfg.maxConnections()) {
        refused.increment();
        closeQuietly(s);
        continue;
      }
      open.add(s);
      connections.increment();
      Thread.ofVirtual().name("vigie-cdr-" + s.getRemoteSocketAddress()).start(() -> serve(s));
    }
  }

  /** Reads one connection to its end; a read error ends that connection only. */
  private void serve(Socket s) {
    String remote = s.getInetAddress().getHostAddress();
    String machine = machineOf(s.getInetAddress());
    LOG.info("cdr: {} connected (machine {})", remote, machine == null ? "unknown" : machine);
    long[] reported = {0};
    try (s;
        var in =
            new BoundedLineReader(
                new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)),
                cfg.maxLineChars(),
                tooLong::increment)) {
      long bad =
          parser.stream(
              in,
              r -> deliver(r, machine),
              problem -> {
                reported[0]++;
                badLines.increment();
                if (reported[0] <= 20) LOG.warn("cdr: {}: {}", remote, LogText.safe(problem));
              });
      // the parser reports the first 1000 bad rows of a stream, counts all of them
      if (bad > reported[0]) badLines.increment(bad - reported[0]);
    } catch (IOException e) {
      if (!server.isClosed()) LOG.info("cdr: {}: {}", remote, e.toString());
    } catch (InterruptedCdr e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
      LOG.info("cdr: {} disconnected", remote);
    }
  }

  private void deliver(CdrRecord r, String machine) {
    records.increment();
    try {
      if (!sink.accept(r, machine)) dropped.increment();
    } catch (InterruptedException e) {
      throw new InterruptedCdr();
    }
  }

  /** Unwinds the parser's loop when the listener is stopped while a hand-off waits. */
  private static final class InterruptedCdr extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InterruptedCdr() {
      super(null, null, false, false);
    }
  }

  /** True when {@code server.cdr.allow} is empty or holds the remote address. */
  private boolean allowed(InetAddress a) {
    if (cfg.allow().isEmpty()) return true;
    IpAddress ip = IpAddress.of(a.getAddress());
    for (var c : cfg.allow()) if (c.contains(ip)) return true;
    return false;
  }

  private String machineOf(InetAddress a) {
    if (cfg.machine() != null) return cfg.machine();
    IpAddress ip = IpAddress.of(a.getAddress());
    String mapped = cfg.machinesByAddress().get(ip);
    if (mapped != null) return mapped;
    Machine m = inventory.machineOf(ip);
    return m == null ? null : m.id();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing a refused connection: nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) closeQuietly(s);
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
