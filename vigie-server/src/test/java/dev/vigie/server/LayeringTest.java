package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the status page, the client notices, paging, recovery and client communication build is made
 * without the operator console: those packages use the words of {@code i18n}, never a class of
 * {@code web} (the console depends on them, not the other way round). Read from the sources, since
 * nothing at run time would show such a dependency until the console changes.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/vigie/server");

  @ParameterizedTest
  @ValueSource(strings = {"i18n", "status", "notify", "paging", "recovery", "comms"})
  void packagesBelowTheConsoleDoNotUseIt(String pkg) throws IOException {
    Path dir = SOURCES.resolve(pkg);
    assertThat(dir).isDirectory();
    List<String> offenders = new ArrayList<>();
    int files = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains("dev.vigie.server.web.")) {
            offenders.add(SOURCES.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(files).as("Java sources in %s", dir).isPositive();
    assertThat(offenders).as("uses of dev.vigie.server.web in %s", pkg).isEmpty();
  }
}
