package dev.vigie.contain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces a test creates and always deletes: names {@code vgt-<role>-<pid>}, so that
 * concurrent runs never collide. Fails (never skips) when {@code ip} or {@code nft} is missing.
 */
public final class Netns implements AutoCloseable {

  private static final long PID = ProcessHandle.current().pid();
  private final List<String> created = new ArrayList<>();

  public Netns() {
    requireTool("ip", "-V");
    requireTool("nft", "--version");
    removeStale();
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** Creates namespace {@code vgt-<role>-<pid>} with loopback up; returns its name. */
  public String add(String role) {
    String ns = "vgt-" + role + "-" + PID;
    sh("ip", "netns", "add", ns);
    created.add(ns);
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    return ns;
  }

  /**
   * A veth pair between two namespaces, up, with an IPv4 /24 and an IPv6 /64 address on each end
   * (no duplicate address detection, so IPv6 works at once).
   */
  public void link(
      String nsA,
      String ifA,
      String v4A,
      String v6A,
      String nsB,
      String ifB,
      String v4B,
      String v6B) {
    sh("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
    addr(nsA, ifA, v4A + "/24", v6A + "/64");
    addr(nsB, ifB, v4B + "/24", v6B + "/64");
  }

  private void addr(String ns, String dev, String v4, String v6) {
    sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
    sh("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
    sh("ip", "-n", ns, "link", "set", dev, "up");
  }

  /** Runs a command; fails the test with its stderr when it exits non-zero. */
  public static String sh(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command inside a namespace. */
  public static String exec(String ns, String... cmd) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(cmd));
    return sh(all.toArray(String[]::new));
  }

  @Override
  public synchronized void close() {
    for (String ns : created) {
      try {
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException e) {
        // best effort
      }
    }
    created.clear();
  }

  private static void requireTool(String tool, String arg) {
    try {
      sh(tool, arg);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "these tests need '"
              + tool
              + "' (Debian packages iproute2 and nftables), run as root: "
              + e.getMessage());
    }
  }

  /** Deletes {@code vgt-*-<pid>} namespaces left by runs whose process is gone. */
  private static void removeStale() {
    for (String line : sh("ip", "netns", "list").split("\n")) {
      String name = line.split(" ")[0];
      if (!name.startsWith("vgt-")) {
        continue;
      }
      String pid = name.substring(name.lastIndexOf('-') + 1);
      if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
        try {
          sh("ip", "netns", "del", name);
        } catch (IllegalStateException e) {
          // another run removed it
        }
      }
    }
  }
}
