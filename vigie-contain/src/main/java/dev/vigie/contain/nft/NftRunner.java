package dev.vigie.contain.nft;

import dev.vigie.contain.actuator.ActuationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nft} (inside {@code ip netns exec NS} when configured), feeding a script on stdin and
 * capturing stdout and stderr. Every call is bounded by the configured timeout; a process that
 * overruns is killed. Stateless and thread-safe.
 */
final class NftRunner {

  /** What nft printed and returned. */
  record Result(int exit, String stdout, String stderr) {}

  private final NftConfig cfg;

  NftRunner(NftConfig cfg) {
    this.cfg = cfg;
  }

  /** Runs a batch with {@code nft -f -}: applied atomically, all or nothing. */
  void batch(String script) throws ActuationException {
    Result r = run(script, "-f", "-");
    if (r.exit() != 0) {
      throw new ActuationException(
          "nft failed (exit "
              + r.exit()
              + "): "
              + r.stderr().strip()
              + "\n--- script ---\n"
              + script);
    }
  }

  /** Runs nft with these arguments and no stdin. */
  Result run(String stdin, String... args) throws ActuationException {
    List<String> cmd = new ArrayList<>();
    if (cfg.netns() != null) {
      cmd.addAll(List.of("ip", "netns", "exec", cfg.netns()));
    }
    cmd.add(cfg.nft());
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new ActuationException(
          "cannot run " + cmd.get(0) + " (is nftables installed?): " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // nft exited early: its stderr says why
    }
    try {
      if (!p.waitFor(cfg.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ActuationException(
            String.join(" ", cmd) + " did not finish within " + cfg.timeout());
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ActuationException("interrupted while running " + String.join(" ", cmd), e);
    }
  }

  /** Reads a stream to its end on a virtual thread (never blocks a pool worker). */
  private static CompletableFuture<String> drain(InputStream s) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try (s) {
            f.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            f.complete("");
          }
        });
    return f;
  }
}
