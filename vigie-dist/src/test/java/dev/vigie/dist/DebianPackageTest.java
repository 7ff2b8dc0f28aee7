package dev.vigie.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package, built by {@code build-deb.sh} from the shaded jar and tested without
 * installing it: its contents and control files, the maintainer scripts, the systemd unit ({@code
 * systemd-analyze verify} on the extracted tree), and the packaged launcher run from the extracted
 * tree: {@code analyze} and {@code doctor} work, the start-up cache is made as the post-install
 * step makes it, and {@code serve} answers {@code /healthz} on a database made by the previous
 * schema version, which it migrates, keeping its rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianPackageTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path OUT = Path.of("target/deb-test").toAbsolutePath();
  Path deb;
  Path tree;
  @TempDir Path tmp;

  record Run(int exit, String out) {}

  static Run run(Map<String, String> env, Duration limit, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile("vigie-dist", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish within " + limit);
    }
    String out = Files.readString(log);
    Files.delete(log);
    return new Run(p.exitValue(), out);
  }

  static Run run(String... cmd) throws Exception {
    return run(Map.of(), Duration.ofMinutes(2), cmd);
  }

  @BeforeAll
  void buildAndExtract(@TempDir Path dir) throws Exception {
    String jar =
        System.getProperty("vigie.jar", ROOT.resolve("vigie-server/target/vigie.jar").toString());
    String version = System.getProperty("vigie.version", "0.1.0-SNAPSHOT");
    Run b =
        run(
            Map.of("VIGIE_DEB_COMPRESSION", "none"),
            Duration.ofMinutes(10),
            "bash",
            ROOT.resolve("vigie-dist/build-deb.sh").toString(),
            jar,
            OUT.toString(),
            version);
    assertThat(b.exit()).as(b.out()).isZero();
    deb = Path.of(b.out().strip().lines().reduce((a, c) -> c).orElseThrow());
    assertThat(deb).exists();
    tree = dir.resolve("root");
    Run x = run("dpkg-deb", "-x", deb.toString(), tree.toString());
    assertThat(x.exit()).as(x.out()).isZero();
    Run e = run("dpkg-deb", "-e", deb.toString(), tree.resolve("DEBIAN").toString());
    assertThat(e.exit()).as(e.out()).isZero();
  }

  @Test
  void contentsAndControlFiles() throws Exception {
    Run c = run("dpkg-deb", "--contents", deb.toString());
    assertThat(c.exit()).isZero();
    String list = c.out();
    for (String path :
        List.of(
            "./opt/vigie/bin/vigie",
            "./opt/vigie/bin/vigie-unit-caps",
            "./opt/vigie/runtime/bin/java",
            "./opt/vigie/lib/vigie.jar",
            "./etc/vigie/vigie.yaml",
            "./lib/systemd/system/vigie.service",
            "./usr/share/vigie/systemd/nftables.conf",
            "./usr/share/doc/vigie/copyright")) {
      assertThat(list).as(path).contains(path);
    }
    assertThat(list).contains("./usr/bin/vigie -> /opt/vigie/bin/vigie");
    for (String line : list.lines().toList()) assertThat(line).contains("root/root");
    assertThat(list).doesNotContain("./var/lib/vigie"); // made by postinst, owned by the user

    assertThat(run("dpkg-deb", "--field", deb.toString(), "Package").out().strip())
        .isEqualTo("vigie");
    assertThat(run("dpkg-deb", "--field", deb.toString(), "Version").out().strip())
        .matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(run("dpkg-deb", "--field", deb.toString(), "Depends").out()).contains("adduser");
    assertThat(Files.readString(tree.resolve("DEBIAN/conffiles")).strip())
        .isEqualTo("/etc/vigie/vigie.yaml");
    // the launcher's runtime is the bundled one: java runs from the tree
    Run v = run(tree.resolve("opt/vigie/runtime/bin/java").toString(), "-version");
    assertThat(v.exit()).isZero();
    assertThat(v.out()).contains("25");
  }

  @Test
  void maintainerScriptsAreValidAndKeepDataUntilPurge() throws Exception {
    for (String s : List.of("postinst", "prerm", "postrm")) {
      Path f = tree.resolve("DEBIAN/" + s);
      assertThat(Files.isExecutable(f)).as(s).isTrue();
      Run n = run("sh", "-n", f.toString());
      assertThat(n.exit()).as(s + ": " + n.out()).isZero();
    }
    assertThat(run("sh", "-n", tree.resolve("opt/vigie/bin/vigie").toString()).exit()).isZero();
    assertThat(run("sh", "-n", tree.resolve("opt/vigie/bin/vigie-unit-caps").toString()).exit())
        .isZero();
    String postinst = Files.readString(tree.resolve("DEBIAN/postinst"));
    assertThat(postinst)
        .contains("adduser --system")
        .contains("install -d -o vigie -g vigie -m 0750 /var/lib/vigie")
        .contains("vigie-unit-caps")
        .contains("try-restart vigie.service") // upgrade: the new version migrates the database
        .contains("vigie doctor --config");
    String postrm = Files.readString(tree.resolve("DEBIAN/postrm"));
    int purge = postrm.indexOf("purge)");
    assertThat(purge).isPositive();
    // data and configuration are deleted only in the purge branch
    assertThat(postrm.indexOf("/var/lib/vigie")).isGreaterThan(purge);
    assertThat(postrm.indexOf("/etc/vigie\n")).isGreaterThan(purge);
  }

  @Test
  void theUnitIsHardenedAndVerifies() throws Exception {
    Path unit = tree.resolve("lib/systemd/system/vigie.service");
    String u = Files.readString(unit);
    for (String line :
        List.of(
            "User=vigie",
            "ProtectSystem=strict",
            "NoNewPrivileges=yes",
            "PrivateTmp=yes",
            "ReadWritePaths=/var/lib/vigie",
            "Restart=on-failure",
            "StandardOutput=journal",
            "CapabilityBoundingSet=\n",
            "AmbientCapabilities=\n",
            "ExecStart=/opt/vigie/bin/vigie serve --config /etc/vigie/vigie.yaml --data /var/lib/vigie")) {
      assertThat(u).as(line).contains(line);
    }
    String settings = u.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    assertThat(settings).doesNotContain("CAP_NET_ADMIN");
    String dropIn = Files.readString(tree.resolve("usr/share/vigie/systemd/nftables.conf"));
    assertThat(dropIn).contains("AmbientCapabilities=CAP_NET_ADMIN");
    // the serve JVM exits on OutOfMemoryError (systemd restarts it)
    assertThat(Files.readString(tree.resolve("opt/vigie/bin/vigie")))
        .contains("-XX:+ExitOnOutOfMemoryError");
    // the extracted tree gets the host's targets, slices and sockets the unit orders itself after
    Path units = tree.resolve("lib/systemd/system");
    try (var host =
        Files.newDirectoryStream(Path.of("/lib/systemd/system"), "*.{target,slice,socket}")) {
      for (Path f : host) {
        Path to = units.resolve(f.getFileName().toString());
        if (!Files.exists(to)) Files.copy(f, to);
      }
    }
    assertThat(verify(unit).out()).isEmpty();
    assertThat(verify(unit).exit()).isZero();
    // with the nftables drop-in linked as vigie-unit-caps links it
    Path dropDir = Files.createDirectories(tree.resolve("etc/systemd/system/vigie.service.d"));
    Files.copy(
        tree.resolve("usr/share/vigie/systemd/nftables.conf"), dropDir.resolve("nftables.conf"));
    Run withDrop = verify(unit);
    assertThat(withDrop.exit()).as(withDrop.out()).isZero();
    assertThat(withDrop.out()).isEmpty();
    Files.delete(dropDir.resolve("nftables.conf"));
    // and verify does catch a broken unit
    Path broken = units.resolve("vigie-broken.service");
    Files.writeString(broken, u.replace("ProtectSystem=strict", "ProtectSystem=stricter"));
    Run bad = verify(broken);
    assertThat(bad.out()).contains("Failed to parse protect system value").contains("stricter");
    Files.delete(broken);
  }

  private Run verify(Path unit) throws Exception {
    return run("systemd-analyze", "verify", "--root=" + tree, "--man=no", unit.toString());
  }

  @Test
  void thePackagedLauncherAnalyzesDoctorsAndServesAnUpgradedDatabase() throws Exception {
    String vigie = tree.resolve("opt/vigie/bin/vigie").toString();
    Path capture = ROOT.resolve("testdata/captures/svwar.sip.pcap");
    Path inventory = ROOT.resolve("testdata/inventory.yaml");
    Run a =
        run(
            vigie,
            "analyze",
            capture.toString(),
            "--inventory",
            inventory.toString(),
            "--format",
            "json");
    assertThat(a.exit()).as(a.out()).isZero();
    assertThat(a.out()).contains("\"sipMessages\"").contains("\"alerts\"");

    // the post-install step's start-up cache, then a run that uses it: same answer
    Path aot = tmp.resolve("vigie.aot");
    Run train =
        run(
            Map.of("VIGIE_AOT_OUTPUT", aot.toString()),
            Duration.ofMinutes(3),
            vigie,
            "analyze",
            capture.toString(),
            "--inventory",
            inventory.toString(),
            "--format",
            "json");
    assertThat(train.exit()).as(train.out()).isZero();
    assertThat(aot).exists();
    Run cached =
        run(
            Map.of("VIGIE_AOT_CACHE", aot.toString(), "VIGIE_JAVA_OPTS", "-XX:AOTMode=on"),
            Duration.ofMinutes(2),
            vigie,
            "analyze",
            capture.toString(),
            "--inventory",
            inventory.toString(),
            "--format",
            "json");
    assertThat(cached.exit()).as(cached.out()).isZero();
    assertThat(cached.out()).isEqualTo(a.out());

    // a database of the previous schema version, with a row, in a temporary data directory
    Path data = Files.createDirectories(tmp.resolve("data"));
    String url = "jdbc:h2:file:" + data.resolve("vigie") + ";MODE=PostgreSQL";
    Flyway all =
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").load();
    MigrationInfo[] known = all.info().all();
    assertThat(known.length).isGreaterThan(1);
    String latest = known[known.length - 1].getVersion().getVersion();
    String previous = known[known.length - 2].getVersion().getVersion();
    Flyway.configure()
        .dataSource(url, "", "")
        .locations("classpath:db/migration")
        .target(previous)
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      c.createStatement()
          .execute(
              "INSERT INTO audit (at, actor, action, reason) VALUES (CURRENT_TIMESTAMP, 'upgrade-test', 'KEEP_ME', 'test')");
    }

    // the packaged configuration file is valid; doctor runs from the tree
    Path conf = tree.resolve("etc/vigie/vigie.yaml");
    Run d = run(vigie, "doctor", "--config", conf.toString(), "--data", data.toString());
    assertThat(d.out()).contains("ok    config").contains("ok    data");

    Path cfg = tmp.resolve("serve.yaml");
    Files.writeString(cfg, Files.readString(conf) + "\n");
    ProcessBuilder pb =
        new ProcessBuilder(
                vigie,
                "serve",
                "--config",
                cfg.toString(),
                "--data",
                data.toString(),
                "--http",
                "127.0.0.1:0",
                "--hep-port",
                "0")
            .redirectErrorStream(true);
    Path log = tmp.resolve("serve.log");
    pb.redirectOutput(log.toFile());
    Process serve = pb.start();
    try {
      Pattern port = Pattern.compile("console and API +http://127\\.0\\.0\\.1:(\\d+)/");
      List<Integer> found = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> {
            if (!serve.isAlive())
              throw new AssertionError("serve exited: " + Files.readString(log));
            Matcher m = port.matcher(Files.readString(log));
            if (m.find()) found.add(Integer.parseInt(m.group(1)));
            return !found.isEmpty();
          });
      HttpURLConnection h =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + found.get(0) + "/healthz").toURL().openConnection();
      h.setConnectTimeout(5000);
      h.setReadTimeout(5000);
      assertThat(h.getResponseCode()).as(Files.readString(log)).isEqualTo(200);
    } finally {
      serve.destroy(); // SIGTERM: the shutdown hook closes the database
      if (!serve.waitFor(60, TimeUnit.SECONDS)) serve.destroyForcibly();
    }
    // migrated to the latest version, the row kept; no library start-up chatter in the log
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      ResultSet v =
          c.createStatement()
              .executeQuery(
                  "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\" DESC");
      assertThat(v.next()).isTrue();
      assertThat(v.getString(1)).isEqualTo(latest);
      ResultSet kept =
          c.createStatement().executeQuery("SELECT COUNT(*) FROM audit WHERE action = 'KEEP_ME'");
      kept.next();
      assertThat(kept.getInt(1)).isEqualTo(1);
    }
    String serveLog = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(serveLog)
        .doesNotContain("INFO  [main] Javalin")
        .doesNotContain("HikariPool-1 - Starting");
  }
}
