package dev.vigie.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code vigie serve} in a JVM of its own (this test JVM's classpath), HTTP and HEP on port 0,
 * dry run, its output in a log file: for tests that kill it with SIGKILL ({@link #kill()}).
 */
public record ServeProcess(Process process, int port, Path log) {
  private static final Pattern HTTP = Pattern.compile("console and API\\s+http://[^:]+:(\\d+)/");

  /**
   * Starts {@code vigie serve --config cfg --data data} with {@code env} added to its environment,
   * its output in {@code log}, and waits for the HTTP port it prints (90 s at most).
   */
  public static ServeProcess start(Path cfg, Path data, Path log, Map<String, String> env)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigie.server.Main",
                "serve",
                "--config",
                cfg.toString(),
                "--http",
                "127.0.0.1:0",
                "--hep-port",
                "0",
                "--dry-run",
                "--data",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = HTTP.matcher(out);
      if (m.find()) return new ServeProcess(p, Integer.parseInt(m.group(1)), log);
      if (!p.isAlive()) {
        throw new AssertionError("vigie serve exited " + p.exitValue() + ": " + out);
      }
      p.waitFor(50, TimeUnit.MILLISECONDS);
    }
    p.destroyForcibly();
    throw new AssertionError("vigie serve did not start within 90 s");
  }

  /** What it printed so far. */
  public String output() throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** SIGKILL, and waits for the process to be gone (30 s at most). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("vigie serve still alive 30 s after SIGKILL");
    }
  }
}
