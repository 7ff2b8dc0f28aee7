package dev.vigie.server.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.contain.ContainmentSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigie doctor [--config FILE]}: one line per check of the environment Vigie would run in
 * (configuration, ports, nft, SMTP, PostgreSQL, Prometheus, data directory, clock); exit 0 when no
 * check failed, 1 otherwise. Checks of something not configured are skipped, and say so. Network
 * checks are bounded by {@code --timeout} each; SMTP stops after EHLO (no mail is sent).
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check the configuration and the environment, one line per check; exit 0/1.")
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (optional)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (as serve --data)")
  Path data;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT3S",
      description = "longest network check (default PT3S)")
  Duration timeout;

  @Option(
      names = "--nftables-enabled",
      hidden = true,
      description = "print true or false: does the configuration enable the nftables actuator")
  boolean nftablesEnabled;

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Instant EARLIEST_SANE = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant LATEST_SANE = Instant.parse("2100-01-01T00:00:00Z");

  private final PrintStream out;
  private final PrintStream err;
  private int failures;

  public DoctorCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    ServeConfig cfg;
    try {
      cfg = config == null ? ServeConfig.defaults() : ServeConfig.load(config, System.getenv());
      cfg = cfg.withOverrides(null, null, data, false);
    } catch (ConfigException e) {
      if (nftablesEnabled) {
        out.println("false");
        return 1;
      }
      fail("config", AnalyzeCommand.oneLine(e.getMessage()));
      return 1;
    }
    Map<String, Object> root = Json.mapper().convertValue(cfg.root(), MAP);
    ContainmentSettings contain = null;
    String containProblem = null;
    try {
      contain = ContainmentSettings.read(root, cfg.dryRun());
    } catch (RuntimeException e) {
      containProblem = AnalyzeCommand.oneLine(e.getMessage());
    }
    if (nftablesEnabled) {
      out.println(contain != null && contain.nftables() != null);
      return 0;
    }
    if (containProblem != null) fail("config", "containment: " + containProblem);
    else ok("config", config == null ? "defaults (no --config)" : config + " read");
    checkPorts(cfg);
    checkNft(contain);
    checkSmtp(cfg.root().path("notifications").path("smtp"));
    checkDatabase(cfg);
    checkPrometheus(cfg.root().path("prometheus").path("url").asText(null), cfg);
    checkDataDir(cfg.dataDir());
    checkClock();
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private void checkPorts(ServeConfig cfg) {
    String http = cfg.httpHost() + ":" + cfg.httpPort();
    if (cfg.httpPort() == 0) ok("http", "port 0 (any free port)");
    else if (tcpFree(cfg.httpHost(), cfg.httpPort())) ok("http", http + " free");
    else if (isVigie(cfg.httpHost(), cfg.httpPort()))
      ok("http", http + " in use by a running Vigie (/healthz answers)");
    else fail("http", http + " is in use by another program");
    String hep = cfg.hepHost() + ":" + cfg.hepPort();
    if (cfg.hepPort() == 0) ok("hep", "port 0 (any free port)");
    else {
      boolean tcp = tcpFree(cfg.hepHost(), cfg.hepPort());
      boolean udp = udpFree(cfg.hepHost(), cfg.hepPort());
      if (tcp && udp) ok("hep", "udp+tcp " + hep + " free");
      else if (isVigie(cfg.httpHost(), cfg.httpPort()))
        ok("hep", "udp+tcp " + hep + " in use by a running Vigie");
      else fail("hep", (tcp ? "udp " : udp ? "tcp " : "udp+tcp ") + hep + " is in use");
    }
    if (cfg.cdrPort() > 0) {
      String cdr = cfg.hepHost() + ":" + cfg.cdrPort();
      if (tcpFree(cfg.hepHost(), cfg.cdrPort())) ok("cdr", "tcp " + cdr + " free");
      else if (isVigie(cfg.httpHost(), cfg.httpPort()))
        ok("cdr", "tcp " + cdr + " in use by a running Vigie");
      else fail("cdr", "tcp " + cdr + " is in use");
    }
  }

  private static boolean tcpFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean udpFree(String host, int port) {
    try (DatagramSocket s = new DatagramSocket(null)) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean isVigie(String host, int port) {
    String h = "0.0.0.0".equals(host) ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://" + h + ":" + port + "/healthz").toURL().openConnection();
      c.setConnectTimeout(millis());
      c.setReadTimeout(millis());
      int code = c.getResponseCode();
      c.disconnect();
      return code == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private void checkNft(ContainmentSettings contain) {
    if (contain == null || contain.nftables() == null) {
      skip("nftables", "actuator not configured (containment.nftables.enabled: false)");
      return;
    }
    var n = contain.nftables();
    List<String> cmd = new ArrayList<>();
    if (n.netns() != null) cmd.addAll(List.of("ip", "netns", "exec", n.netns()));
    cmd.addAll(List.of(n.nft(), "list", "tables"));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(Math.max(1, n.timeout().toMillis()), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail("nftables", String.join(" ", cmd) + " did not answer within " + n.timeout());
        return;
      }
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() == 0) ok("nftables", n.nft() + " runs and may list the rule set");
      else
        fail(
            "nftables",
            n.nft()
                + " is not allowed: "
                + AnalyzeCommand.oneLine(text.strip())
                + " (needs CAP_NET_ADMIN: run vigie-unit-caps)");
    } catch (IOException e) {
      fail("nftables", n.nft() + " not found (apt-get install nftables)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("nftables", "interrupted");
    }
  }

  /** Connects, reads the greeting, says EHLO, reads the answer, quits: no mail is sent. */
  private void checkSmtp(JsonNode smtp) {
    if (smtp.isMissingNode() || smtp.isNull()) {
      skip("smtp", "notifications.smtp not configured");
      return;
    }
    String host = smtp.path("host").asText("localhost");
    boolean tls = "TLS".equalsIgnoreCase(smtp.path("security").asText(""));
    int port = smtp.path("port").asInt(tls ? 465 : 25);
    String where = host + ":" + port;
    try (Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
      s.connect(new InetSocketAddress(host, port), millis());
      s.setSoTimeout(millis());
      var in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream o = s.getOutputStream();
      String greeting = smtpReply(in);
      if (!greeting.startsWith("220")) {
        fail("smtp", where + " greeted with '" + greeting + "'");
        return;
      }
      o.write("EHLO vigie-doctor\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      String ehlo = smtpReply(in);
      o.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      if (ehlo.startsWith("250")) ok("smtp", where + " answers EHLO");
      else fail("smtp", where + " refused EHLO: '" + ehlo + "'");
    } catch (IOException e) {
      fail("smtp", where + " unreachable: " + reason(e));
    }
  }

  /** The last line of a (multi-line) SMTP reply, or "" at end of stream. */
  private static String smtpReply(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.length() < 4 || line.charAt(3) != '-') return line;
    }
    return "";
  }

  private void checkDatabase(ServeConfig cfg) {
    String url = cfg.databaseUrl();
    if (!url.startsWith("jdbc:postgresql:")) {
      skip("postgresql", "not configured (H2 under " + cfg.dataDir() + ")");
      return;
    }
    DriverManager.setLoginTimeout((int) Math.max(1, timeout.toSeconds()));
    String shown = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    try (Connection c =
            DriverManager.getConnection(
                url
                    + (url.contains("?") ? "&" : "?")
                    + "connectTimeout="
                    + Math.max(1, timeout.toSeconds()),
                cfg.databaseUser(),
                cfg.databasePassword());
        var st = c.createStatement()) {
      st.execute("SELECT 1");
      ok("postgresql", shown + " reachable, signed in");
    } catch (Exception e) {
      fail("postgresql", shown + ": " + reason(e));
    }
  }

  private void checkPrometheus(String url, ServeConfig cfg) {
    if (url == null || url.isBlank()) {
      skip("prometheus", "prometheus.url not configured");
      return;
    }
    dev.vigie.server.pressure.PressureSettings.Connection conn;
    try {
      conn = dev.vigie.server.pressure.PressureSettings.connection(cfg.root());
    } catch (RuntimeException e) {
      fail("prometheus", AnalyzeCommand.oneLine(e.getMessage()));
      return;
    }
    var client =
        new dev.vigie.server.pressure.PrometheusClient(
            conn.url(), java.time.Duration.ofMillis(millis()), conn.auth());
    try {
      client.healthy();
    } catch (dev.vigie.server.pressure.PrometheusClient.PrometheusException e) {
      fail("prometheus", AnalyzeCommand.oneLine(e.getMessage()));
      return;
    }
    String queries = checkPressureQueries(cfg, client);
    if (queries == null || !queries.startsWith("FAIL ")) {
      ok("prometheus", url + " healthy" + (queries == null ? "" : "; " + queries));
    } else {
      fail("prometheus", url + " healthy but " + queries.substring(5));
    }
  }

  /**
   * Each platform metric ({@code pressure}) queried once, for the first machine that has it: null
   * when none is configured, "N platform metric queries answered", or "FAIL " and the first
   * refusal.
   */
  private String checkPressureQueries(
      ServeConfig cfg, dev.vigie.server.pressure.PrometheusClient client) {
    dev.vigie.server.pressure.PressureSettings settings;
    try {
      settings = dev.vigie.server.pressure.PressureSettings.read(cfg.root());
    } catch (RuntimeException e) {
      return "FAIL " + AnalyzeCommand.oneLine(e.getMessage());
    }
    if (!settings.enabled()) return null;
    java.util.Set<String> done = new java.util.HashSet<>();
    for (var e : settings.metrics().entrySet()) {
      for (var m : e.getValue()) {
        if (!done.add(m.name() + "\u0000" + m.query())) continue;
        try {
          client.query(m.queryFor(e.getKey()));
        } catch (dev.vigie.server.pressure.PrometheusClient.PrometheusException x) {
          return "FAIL machines["
              + e.getKey()
              + "].pressure."
              + m.name()
              + ": "
              + AnalyzeCommand.oneLine(x.getMessage());
        }
      }
    }
    return done.size() + " platform metric queries answered";
  }

  private void checkDataDir(Path dir) {
    Path abs = dir.toAbsolutePath();
    try {
      if (!Files.exists(abs)) {
        Path parent = abs.getParent();
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent))
          ok("data", abs + " does not exist yet; its parent is writable (serve creates it)");
        else fail("data", abs + " does not exist and cannot be created");
        return;
      }
      if (!Files.isDirectory(abs)) {
        fail("data", abs + " is not a directory");
        return;
      }
      Path probe = Files.createTempFile(abs, ".doctor", ".tmp");
      Files.delete(probe);
      long free = Files.getFileStore(abs).getUsableSpace();
      ok("data", abs + " writable, " + (free >> 20) + " MiB free");
    } catch (IOException e) {
      fail("data", abs + " is not writable: " + reason(e));
    }
  }

  private void checkClock() {
    Instant now = Instant.now();
    if (now.isBefore(EARLIEST_SANE) || now.isAfter(LATEST_SANE)) {
      fail("clock", "system time " + now + " is not plausible (set the clock, run NTP)");
      return;
    }
    String sync = ntpSynchronized();
    ok("clock", now + (sync == null ? "" : ", NTP synchronized: " + sync));
  }

  /** "yes"/"no" from timedatectl when it is there and answers, else null. */
  private String ntpSynchronized() {
    try {
      Process p =
          new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(millis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && !v.isEmpty() ? v : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private int millis() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + AnalyzeCommand.oneLine(m));
  }

  private void ok(String check, String what) {
    out.printf("ok    %-11s %s%n", check, what);
  }

  private void skip(String check, String what) {
    out.printf("skip  %-11s %s%n", check, what);
  }

  private void fail(String check, String what) {
    failures++;
    out.printf("FAIL  %-11s %s%n", check, what);
  }
}
