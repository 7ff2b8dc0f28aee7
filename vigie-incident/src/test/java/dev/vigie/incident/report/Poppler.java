package dev.vigie.incident.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real poppler-utils tools ({@code pdftotext}, {@code pdfinfo}) on a PDF. Fails with a
 * message naming the tool and the Debian package when it is missing.
 */
final class Poppler {
  private Poppler() {}

  /** {@code pdftotext -layout} of pages {@code first..last} (0 for all). */
  static String text(Path pdf, int first, int last) throws IOException, InterruptedException {
    var cmd = new ArrayList<>(List.of("pdftotext", "-layout", "-enc", "UTF-8"));
    if (first > 0) {
      cmd.addAll(List.of("-f", String.valueOf(first), "-l", String.valueOf(last)));
    }
    cmd.addAll(List.of(pdf.toString(), "-"));
    return run(cmd);
  }

  /** Number of pages, from {@code pdfinfo}. */
  static int pages(Path pdf) throws IOException, InterruptedException {
    for (var line : run(List.of("pdfinfo", pdf.toString())).split("\n")) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring(6).strip());
      }
    }
    throw new AssertionError("pdfinfo printed no page count for " + pdf);
  }

  /** {@code pdffonts} output (embedded fonts table). */
  static String fonts(Path pdf) throws IOException, InterruptedException {
    return run(List.of("pdffonts", pdf.toString()));
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          cmd.get(0) + " is not installed (Debian package poppler-utils): " + e.getMessage(), e);
    }
    var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  /** Writes bytes to a temp file in {@code dir}. */
  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    var f = dir.resolve(name);
    Files.write(f, bytes);
    var keep = System.getProperty("report.keep"); // -Dreport.keep=DIR keeps a copy to look at
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.write(Path.of(keep, name), bytes);
    }
    return f;
  }
}
