package dev.vigie.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Vigie's log lines: one per event, text or JSON, libraries at WARN unless configured. */
class LogLinesTest {
  @AfterEach
  void reset() {
    LogSettings.reset();
  }

  private static String capture(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode yaml(String s) throws IOException {
    return Json.yaml().readTree(s);
  }

  @Test
  void slf4jUsesVigieLinesAndLibrariesStayQuietAtInfo() throws Exception {
    Logger vigie = LoggerFactory.getLogger("dev.vigie.server.Test");
    Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.Server");
    String out =
        capture(() -> {
          vigie.info("started on {}", 8080);
          jetty.info("jetty-12 started"); // start-up chatter: hidden
          jetty.warn("a library warning");
        });
    assertThat(out.lines()).hasSize(2);
    assertThat(out).contains("INFO  [").contains("Test - started on 8080");
    assertThat(out).contains("WARN ").contains("a library warning").doesNotContain("jetty-12");
  }

  @Test
  void aMultiLineMessageAndAStackTraceStayOnOneLine() throws Exception {
    Logger log = LoggerFactory.getLogger("dev.vigie.server.Test");
    String text =
        capture(() ->
            log.error(
                "header from the network: {}",
                "evil\r\n2026-01-01 INFO forged line",
                new IllegalStateException("boom", new java.io.IOException("cause"))));
    assertThat(text.lines()).hasSize(1);
    assertThat(text).contains("evil\\r\\n2026-01-01").contains("IllegalStateException: boom");
    assertThat(text).contains("caused by java.io.IOException: cause");

    LogSettings.configure(yaml("format: json\n"));
    String json = capture(() -> log.warn("said \"hi\"\nthere", new RuntimeException("x")));
    assertThat(json.lines()).hasSize(1);
    JsonNode j = Json.mapper().readTree(json);
    assertThat(j.get("level").asText()).isEqualTo("WARN");
    assertThat(j.get("logger").asText()).isEqualTo("dev.vigie.server.Test");
    assertThat(j.get("msg").asText()).isEqualTo("said \"hi\"\nthere");
    assertThat(j.get("error").asText()).startsWith("java.lang.RuntimeException: x");
    assertThat(j.get("ts").asText()).matches("\\d{4}-.*Z");
  }

  @Test
  void levelsAreConfigurablePerPrefixAndBadValuesAreNamed() throws Exception {
    LogSettings.configure(
        yaml("level: WARN\nlevels: {io.javalin: INFO, dev.vigie.server.ingest: DEBUG}\n"));
    assertThat(LoggerFactory.getLogger("io.javalin.Javalin").isInfoEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.javalinx.Other").isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("dev.vigie.server.Main").isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("dev.vigie.server.ingest.HepListener").isDebugEnabled())
        .isTrue();
    assertThatThrownBy(() -> LogSettings.configure(yaml("format: xml\nlevel: LOUD\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logging.format: 'xml' is not text or json")
        .hasMessageContaining("logging.level: 'LOUD'");
  }
}
