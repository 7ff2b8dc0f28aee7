package dev.vigie.server.pressure;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Prometheus server (Debian's {@code /usr/bin/prometheus}) per test JVM, shared by every
 * test that needs one ({@link #shared()}), on loopback, scraping every second a small exporter of
 * this class that serves the text exposition format with the values tests set ({@link #set}).
 * Prometheus cannot listen on port 0: a free port is found by binding one, closing it and starting
 * Prometheus there, again on another port when it lost the race (its log says "address already in
 * use"). Stopped by a shutdown hook; its data directory is deleted then.
 *
 * <p>{@link #secured} starts another one, not shared, behind Prometheus's own {@code
 * --web.config.file} (basic auth users, TLS): the caller closes it.
 */
public final class RealPrometheus implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static RealPrometheus shared;

  private final Path dir;
  private final HttpServer exporter;
  private final Map<String, Double> series = new TreeMap<>();
  private Process process;
  private int port;
  private String webConfig; // null: plain http, no sign-in
  private boolean https;
  private PrometheusAuth readyAuth = PrometheusAuth.NONE;

  private RealPrometheus() throws IOException {
    dir = Files.createTempDirectory("vigie-prometheus-");
    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext(
        "/metrics",
        ex -> {
          byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    exporter.start();
  }

  /** The shared server, started at the first call (a few seconds). */
  public static synchronized RealPrometheus shared() {
    if (shared == null) {
      try {
        RealPrometheus p = new RealPrometheus();
        p.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::shutdown));
        shared = p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * A Prometheus of its own (started here, a few seconds) with {@code webConfig} as its {@code
   * --web.config.file} ({@code basic_auth_users}, {@code tls_server_config}...). {@code auth} is
   * how this fixture signs in to see it ready; {@code https} whether {@code tls_server_config} is
   * set. The caller {@link #close()}s it.
   */
  public static RealPrometheus secured(String webConfig, boolean https, PrometheusAuth auth)
      throws IOException {
    RealPrometheus p = new RealPrometheus();
    p.webConfig = webConfig;
    p.https = https;
    p.readyAuth = auth;
    try {
      p.start();
    } catch (IOException | RuntimeException e) {
      p.shutdown();
      throw e;
    }
    return p;
  }

  /** Stops a {@link #secured} server and deletes its data (the shared one stops at exit). */
  @Override
  public void close() {
    if (this != shared) shutdown();
  }

  /**
   * Sets one series of the exporter, e.g. {@code set("vigie_test_disk_write_bytes", "pbx-acme",
   * 85e6)} serves {@code vigie_test_disk_write_bytes{machine="pbx-acme"} 85000000.0}; Prometheus
   * has it at its next scrape (within about a second).
   */
  public synchronized void set(String metric, String machine, double value) {
    series.put(metric + "{machine=\"" + machine + "\"}", value);
  }

  private synchronized String exposition() {
    StringBuilder b = new StringBuilder();
    String last = null;
    for (var e : series.entrySet()) {
      String name = e.getKey().substring(0, e.getKey().indexOf('{'));
      if (!name.equals(last)) b.append("# TYPE ").append(name).append(" gauge\n");
      last = name;
      b.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return b.toString();
  }

  public URI url() {
    return URI.create((https ? "https" : "http") + "://127.0.0.1:" + port);
  }

  /** Whether Prometheus is running. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts Prometheus (again after {@link #stop()}, on the same port when it is still free). */
  public synchronized void start() throws IOException {
    if (running()) return;
    Files.writeString(
        dir.resolve("prometheus.yml"),
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + "scrape_configs:\n  - job_name: vigie-test\n    scrape_interval: 1s\n"
            + "    scrape_timeout: 900ms\n    static_configs:\n      - targets: ['127.0.0.1:"
            + exporter.getAddress().getPort()
            + "']\n");
    if (webConfig != null) Files.writeString(dir.resolve("web.yml"), webConfig);
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      int candidate = port != 0 && attempt == 0 ? port : freePort();
      try {
        launch(candidate);
        port = candidate;
        return;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private void launch(int candidate) throws IOException {
    Path log = dir.resolve("prometheus.log");
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                BINARY.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h",
                "--web.listen-address=127.0.0.1:" + candidate,
                "--log.level=warn"));
    if (webConfig != null) cmd.add("--web.config.file=" + dir.resolve("web.yml"));
    process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String out = Files.readString(log);
        throw new IOException("prometheus exited (" + process.exitValue() + "): " + tail(out));
      }
      if (webConfig != null) {
        // signed in (and over TLS) like Vigie: ready once an instant query is answered
        URI u = URI.create((https ? "https" : "http") + "://127.0.0.1:" + candidate);
        try {
          new PrometheusClient(u, Duration.ofSeconds(2), readyAuth).query("vector(1)");
          return;
        } catch (PrometheusClient.PrometheusException e) {
          sleep(100);
          continue;
        }
      }
      try {
        var r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + candidate + "/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new IOException("prometheus not ready within 60 s on port " + candidate);
  }

  /**
   * Stops Prometheus (SIGTERM, then SIGKILL after 10 s); the exporter keeps serving. A test that
   * stops the shared server starts it again before it ends (test classes run one after the other).
   */
  public synchronized void stop() {
    if (process == null) return;
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown() {
    stop();
    exporter.stop(0);
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static String tail(String s) {
    return s.length() > 800 ? s.substring(s.length() - 800) : s;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
