package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vigie analyze} counts requests per method and responses per code exactly as {@code tshark
 * -q -z sip,stat} does on the same lab capture (HEP captures through the lab's HEP v3 dissector).
 * tshark is run for real on each file (CI installs it); the committed {@code .sipstat.txt} beside
 * each capture is what it printed when the capture was made, and must still agree.
 */
class TsharkComparisonTest {
  static final Path CAPTURES = Path.of("../testdata/captures");
  static final Path HEP_LUA = Path.of("../lab/tools/hep3.lua");
  private static final Pattern STATUS = Pattern.compile("^\\s*SIP (\\d{3}) .*:\\s*(\\d+) Packets");
  private static final Pattern METHOD = Pattern.compile("^\\s*([A-Z]+)\\s*:\\s*(\\d+) Packets");
  private static final Pattern TOTAL = Pattern.compile("Number of SIP messages: (\\d+)");

  static Stream<Path> captures() throws IOException {
    try (Stream<Path> s = Files.list(CAPTURES)) {
      List<Path> l =
          s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
              .filter(p -> Files.exists(sipstatOf(p)))
              .sorted()
              .toList();
      assertThat(l).as("lab captures with their tshark statistics").hasSizeGreaterThan(10);
      return l.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void countsEqualTshark(Path capture) throws Exception {
    Cli r = Cli.run("analyze", capture.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    Stat vigie =
        new Stat(j.get("sipMessages").asLong(), toMap(j.get("methods")), toMap(j.get("responses")));

    Stat committed = Stat.parse(Files.readString(sipstatOf(capture)));
    assertThat(vigie).as("against the committed tshark output").isEqualTo(committed);

    Stat live = Stat.parse(runTshark(capture));
    assertThat(vigie).as("against tshark run now").isEqualTo(live);
    assertThat(j.get("malformed").asLong()).isZero();
  }

  record Stat(long messages, Map<String, Long> methods, Map<String, Long> responses) {
    static Stat parse(String text) {
      long total = -1;
      Map<String, Long> methods = new TreeMap<>();
      Map<String, Long> responses = new TreeMap<>();
      for (String line : text.lines().toList()) {
        Matcher t = TOTAL.matcher(line);
        if (t.find()) total = Long.parseLong(t.group(1));
        Matcher s = STATUS.matcher(line);
        if (s.find()) {
          responses.merge(s.group(1), Long.parseLong(s.group(2)), Long::sum);
          continue;
        }
        Matcher m = METHOD.matcher(line);
        if (m.find()) methods.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
      }
      assertThat(total).as("tshark printed its total:\n" + text).isNotNegative();
      return new Stat(total, methods, responses);
    }
  }

  private static Map<String, Long> toMap(JsonNode o) {
    Map<String, Long> m = new TreeMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  private static Path sipstatOf(Path capture) {
    String n = capture.getFileName().toString().replaceAll("\\.(pcap|pcapng)$", "");
    if (capture.toString().endsWith(".pcapng")) n = n + ".pcapng";
    return capture.resolveSibling(n + ".sipstat.txt");
  }

  private static String runTshark(Path capture) throws IOException, InterruptedException {
    List<String> cmd =
        capture.getFileName().toString().contains(".hep.")
            ? List.of(
                "tshark",
                "-n",
                "-X",
                "lua_script:" + HEP_LUA,
                "-q",
                "-z",
                "sip,stat",
                "-r",
                capture.toString())
            : List.of("tshark", "-n", "-q", "-z", "sip,stat", "-r", capture.toString());
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError(
          "tshark is needed for this test: apt-get install tshark (bin/peers install)", e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
