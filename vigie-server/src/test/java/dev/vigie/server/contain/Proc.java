package dev.vigie.server.contain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process of a test (Kamailio, SIPp, a relay...) whose output goes to a log file; {@link
 * #close()} stops it and its descendants by their own PIDs (TERM, then KILL after 3 s).
 */
final class Proc implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String name;

  private Proc(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code cmd}, output (stdout and stderr) to {@code logDir/name.log}. */
  static Proc start(Path logDir, String name, List<String> cmd) throws IOException {
    Path log = logDir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new Proc(name, p, log);
  }

  /** A process the caller started, logging to {@code log}. */
  static Proc adopt(String name, Process p, Path log) {
    return new Proc(name, p, log);
  }

  /** SIGKILL, no chance to clean up (a crash); waits until it is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code ip netns exec NS cmd...} as a list. */
  static List<String> in(String ns, String... cmd) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(cmd));
    return all;
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits up to {@code seconds} for the process to end; true when it did. */
  boolean await(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Waits (bounded) until the output contains {@code text}; fails with the output otherwise. */
  void awaitOutput(String text, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!output().contains(text)) {
      if (System.nanoTime() > end || !process.isAlive() && !output().contains(text)) {
        throw new IllegalStateException(name + " did not print '" + text + "':\n" + output());
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(ProcessHandle::destroyForcibly);
  }
}
