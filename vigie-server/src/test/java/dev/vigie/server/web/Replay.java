package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Main;
import dev.vigie.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code vigie replay} of a capture of {@code testdata/captures} as HEP to a test server. */
final class Replay {
  private Replay() {}

  /** Replays {@code capture} to {@code server}'s HEP port at {@code rate} messages a second. */
  static void hep(ServerFixture server, String capture, int rate) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "replay",
            repoRoot().resolve("testdata/captures/" + capture).toString(),
            "--to",
            "127.0.0.1:" + server.hepPort(),
            "--rate",
            Integer.toString(rate));
    assertThat(rc).as(out.toString()).isZero();
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    if (p == null)
      throw new IllegalStateException("no repository root above the working directory");
    return p;
  }
}
