package dev.vigie.server.incident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code pdftotext} (poppler-utils) on a PDF; fails naming the tool and its Debian package
 * when it is missing.
 */
final class Pdftotext {
  private Pdftotext() {}

  /** The text of every page ({@code -layout}, UTF-8). */
  static String text(Path dir, byte[] pdf) throws IOException, InterruptedException {
    var file = Files.write(dir.resolve("report.pdf"), pdf);
    var cmd = List.of("pdftotext", "-layout", "-enc", "UTF-8", file.toString(), "-");
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("pdftotext is not installed (Debian package poppler-utils)", e);
    }
    var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("pdftotext failed: " + out);
    }
    return out;
  }
}
