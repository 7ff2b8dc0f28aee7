package dev.vigie.probe;

import static org.assertj.core.api.Assertions.fail;

import dev.vigie.probe.sip.SipProber;
import dev.vigie.wire.Transport;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SIP peer run by a test (Kamailio or SIPp), in its own working directory, stopped by {@link
 * #close()} (SIGTERM, then SIGKILL after 5 s, descendants included). A missing executable fails the
 * test with a message naming the tool.
 */
public final class Peer implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private Peer(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Kamailio with {@code kamailio/probe-peer.cfg} on UDP and TCP {@code ip:port}. */
  public static Peer kamailio(String ip, int port, Path dir) throws IOException {
    Path run = Files.createDirectories(dir.resolve("kamailio-" + ip + "-" + port));
    List<String> cmd =
        List.of(
            tool("kamailio", "/usr/sbin/kamailio"),
            "-f",
            resource("kamailio/probe-peer.cfg").toString(),
            "-DD",
            "-E",
            "-Y",
            run.toString(),
            "-m",
            "64",
            "-M",
            "8",
            "-l",
            "udp:" + ip + ":" + port,
            "-l",
            "tcp:" + ip + ":" + port,
            "-A",
            "CTL_SOCK=\"unix:" + run.resolve("kamailio_ctl") + "\"");
    Peer p = start("kamailio " + ip + ":" + port, cmd, run);
    p.awaitAnswering(ip, port, Transport.UDP);
    p.awaitAnswering(ip, port, Transport.TCP);
    return p;
  }

  /** SIPp running one of the {@code sipp/*.xml} UAS scenarios on UDP {@code ip:port}. */
  public static Peer sipp(String scenario, String ip, int port, Path dir) throws IOException {
    Path run = Files.createDirectories(dir.resolve("sipp-" + ip + "-" + port));
    List<String> cmd =
        List.of(
            tool("sipp", "/usr/bin/sipp"),
            "-sf",
            resource("sipp/" + scenario).toString(),
            "-i",
            ip,
            "-p",
            Integer.toString(port),
            "-nostdin",
            "-timeout_error");
    Peer p = start("sipp " + scenario + " " + ip + ":" + port, new ArrayList<>(cmd), run);
    p.awaitAnswering(ip, port, Transport.UDP);
    return p;
  }

  private static Peer start(String name, List<String> cmd, Path dir) throws IOException {
    Path log = dir.resolve("peer.log");
    Process proc =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new Peer(name, proc, log);
  }

  private static String tool(String name, String path) {
    if (!new File(path).canExecute()) {
      fail(name + " is not installed (" + path + "): install the Debian package to run this test");
    }
    return path;
  }

  static Path resource(String name) {
    try {
      return Path.of(Peer.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " missing", e);
    }
  }

  /** Probes until the peer answers (any SIP answer), at most 10 s. */
  private void awaitAnswering(String ip, int port, Transport transport) {
    ProbeTarget t =
        ProbeTarget.builder("ready", ip)
            .port(port)
            .transport(transport)
            .timeout(Duration.ofMillis(300))
            .build();
    SipProber prober = new SipProber(InstantSource.system());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ProbeResult last = null;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) fail(name + " exited: " + logTail());
      last = prober.probe(t);
      if (!(last instanceof ProbeResult.Failed)) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    fail(name + " does not answer over " + transport + " (" + last + "): " + logTail());
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGSTOP: the peer stays bound to its port but stops answering (datagrams queue up). */
  public void pause() {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String sig) {
    try {
      Process k = new ProcessBuilder("kill", sig, Long.toString(process.pid())).start();
      if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) fail("kill " + sig + " failed");
    } catch (IOException e) {
      fail("kill " + sig + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the peer; returns once it is gone (bounded: 5 s, then SIGKILL, 5 s more). */
  @Override
  public void close() {
    List<ProcessHandle> kids = process.descendants().toList();
    resume(); // a paused process would not see SIGTERM before SIGCONT
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle k : kids) {
      if (k.isAlive()) k.destroyForcibly();
    }
  }
}
