package dev.vigie.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's packages, started for a test in a temporary cluster on a
 * free loopback port and removed afterwards. As root, the cluster runs as the {@code postgres} user
 * (PostgreSQL refuses to run as root). Fails with a message naming the package when it is missing.
 */
public final class PostgresServer implements AutoCloseable {
  private final Path dir;
  private final Path bin;
  private final int port;
  private final boolean root;

  private PostgresServer(Path dir, Path bin, int port, boolean root) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.root = root;
  }

  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("vigie-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    if (root) run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    Path data = dir.resolve("data");
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "vigie",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale"),
        root);
    PostgresServer pg = new PostgresServer(dir, bin, port, root);
    pg.restart();
    run(
        List.of(
            bin.resolve("createdb").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "vigie",
            "vigie"),
        root);
    return pg;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/vigie";
  }

  public String user() {
    return "vigie";
  }

  /** Stops the server immediately (as after a power cut): pg_ctl stop -m immediate. */
  public void crash() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "stop"),
        root);
  }

  /** Starts the cluster (again after {@link #crash()}: same port and data). */
  public void restart() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-t",
            "30",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"),
        root);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "fast",
            "-w",
            "stop"),
        root,
        true);
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Path findBin() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      throw new IllegalStateException(
          "PostgreSQL is not installed: apt-get install postgresql (bin/peers install)");
    }
    try (Stream<Path> s = Files.list(base)) {
      return s.map(p -> p.resolve("bin"))
          .filter(p -> Files.isExecutable(p.resolve("initdb")))
          .max(Comparator.comparing(p -> p.getParent().getFileName().toString()))
          .orElseThrow(
              () -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
    }
  }

  private static void run(List<String> cmd, boolean asPostgres)
      throws IOException, InterruptedException {
    run(cmd, asPostgres, false);
  }

  private static void run(List<String> cmd, boolean asPostgres, boolean quiet)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0 && !quiet) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
    }
  }
}
