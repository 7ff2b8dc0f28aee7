package dev.vigie.server.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import dev.vigie.server.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus behind its own authentication (issue 12): one real Prometheus started with {@code
 * --web.config.file} holding {@code basic_auth_users} (user {@code vigie}, password {@value
 * #PASSWORD}, bcrypt cost 4, computed once with {@code perl -e 'print
 * crypt("vigie-prometheus-test-secret", q($2b$04$) . "VigiePromAuthTestSaltu")'}) and {@code
 * tls_server_config} with a certificate of a test CA made here by {@code openssl}. Vigie signs in
 * with {@code prometheus.username} + {@code passwordFile} and trusts {@code caFile}: the pressure
 * poller of a whole {@code vigie serve} and {@code vigie doctor}. Wrong, missing or unneeded
 * credentials and a wrong CA are one clear line naming Prometheus and the status, never a crash,
 * never the secret.
 */
class PrometheusAuthTest {
  static final String PASSWORD = "vigie-prometheus-test-secret";
  private static final String HASH = "$2b$04$VigiePromAuthTestSaltuhyajPh3p4bphSdKFgZGhkQjw8YBGPWa";
  private static final String METRIC = "vigie_test_auth_disk_writes";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tls;
  private static RealPrometheus prom;
  private static Path ca;
  private static Path otherCa;
  private static Path passwordFile;
  private static Path wrongPasswordFile;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    ca = tls.resolve("ca.pem");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=vigie test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign");
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(tls.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.cnf");
    otherCa = tls.resolve("other-ca.pem");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "other-ca.key",
        "-out",
        "other-ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=another CA");
    passwordFile = Files.writeString(tls.resolve("prometheus.password"), PASSWORD + "\n");
    wrongPasswordFile = Files.writeString(tls.resolve("wrong.password"), "not-" + PASSWORD);
    String web =
        "tls_server_config:\n  cert_file: %s\n  key_file: %s\nbasic_auth_users:\n  vigie: '%s'\n"
            .formatted(tls.resolve("server.pem"), tls.resolve("server.key"), HASH);
    List<String> problems = new ArrayList<>();
    PrometheusAuth auth =
        PrometheusAuth.read(
            "vigie", passwordFile.toString(), null, ca.toString(), null, true, problems);
    assertThat(problems).isEmpty();
    prom = RealPrometheus.secured(web, true, auth);
  }

  @AfterAll
  static void stop() {
    if (prom != null) prom.close();
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tls.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }

  private static String yaml(String auth) {
    return """
    prometheus:
      url: %s
      interval: 1s
      timeout: 900ms
    %s
    machines:
      - id: pbx-auth
        addresses: [127.0.0.40]
        role: pbx
        pressure:
          diskWriteBytes: {query: 'max(%s{machine="{machine}"})', threshold: 1000}
    """
        .formatted(prom.url(), auth.indent(2).stripTrailing(), METRIC);
  }

  private String basic(Path password) {
    return "username: vigie\npasswordFile: %s\ncaFile: %s".formatted(password, ca);
  }

  @Test
  void theServerSignsInOverTlsReadsTheMetricsAndRaisesPlatformPressure() throws Exception {
    prom.set(METRIC, "pbx-auth", 1200);
    StringBuilder log = new StringBuilder();
    try (var captured = StdErr.capture(log);
        ServerFixture f = ServerFixture.start(dir, yaml(basic(passwordFile)))) {
      Http http = f.http();
      JsonNode alert = await().atMost(WAIT).until(() -> pressure(http), a -> a != null);
      assertThat(alert.path("severity").asText()).isEqualTo("CRITICAL");
      assertThat(alert.path("evidence").path("value").asDouble()).isEqualTo(1200);
      assertThat(json(f.anonymous().get("/healthz").body()).path("reasons").has("prometheus"))
          .isFalse();
    }
    assertThat(log.toString())
        .contains("platform metrics: 1 machine(s) from " + prom.url() + " (basic auth as vigie")
        .doesNotContain(PASSWORD)
        .doesNotContain(b64("vigie:" + PASSWORD));
  }

  @Test
  void aWrongPasswordIsAHealthReasonAndOneLogLineNamingPrometheusAnd401NeverTheSecret()
      throws Exception {
    prom.set(METRIC, "pbx-auth", 1200);
    StringBuilder log = new StringBuilder();
    try (var captured = StdErr.capture(log);
        ServerFixture f = ServerFixture.start(dir, yaml(basic(wrongPasswordFile)))) {
      String reason =
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      json(f.anonymous().get("/healthz").body())
                          .path("reasons")
                          .path("prometheus")
                          .asText(),
                  s -> !s.isEmpty());
      assertThat(reason)
          .isEqualTo(
              "Prometheus "
                  + prom.url()
                  + " refused Vigie's credentials (HTTP 401 Unauthorized): check"
                  + " prometheus.username/passwordFile (platform metrics not read)");
      assertThat(pressure(f.http())).as("no data is no alert").isNull();
      assertThat(f.anonymous().get("/healthz").statusCode()).isEqualTo(503);
    }
    assertThat(log.toString())
        .contains("WARN")
        .contains("platform metrics: Prometheus " + prom.url() + " refused Vigie's credentials")
        .doesNotContain("not-" + PASSWORD)
        .doesNotContain(b64("vigie:not-" + PASSWORD));
  }

  @Test
  void doctorSignsInAndNamesEachFailure() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Cli ok = doctor(yaml(basic(passwordFile)), data);
    assertThat(ok.out())
        .contains(
            "ok    prometheus  " + prom.url() + " healthy; 1 platform metric queries answered");
    assertThat(ok.out() + ok.err()).doesNotContain(PASSWORD);

    Cli none = doctor(yaml("caFile: " + ca), data);
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out())
        .contains(
            "FAIL  prometheus  "
                + prom.url()
                + " refused Vigie's credentials (HTTP 401 Unauthorized): it requires them; set"
                + " prometheus.username and prometheus.passwordFile, or"
                + " prometheus.bearerTokenFile");

    Cli wrong = doctor(yaml(basic(wrongPasswordFile)), data);
    assertThat(wrong.out())
        .contains(
            "FAIL  prometheus  "
                + prom.url()
                + " refused Vigie's credentials (HTTP 401 Unauthorized): check"
                + " prometheus.username/passwordFile");
    assertThat(wrong.out() + wrong.err()).doesNotContain("not-" + PASSWORD);

    Path token = Files.writeString(dir.resolve("token"), "a-bearer-token-Prometheus-does-not-know");
    Cli bearer = doctor(yaml("bearerTokenFile: " + token + "\ncaFile: " + ca), data);
    assertThat(bearer.out()).contains("(HTTP 401 Unauthorized): check prometheus.bearerTokenFile");
    assertThat(bearer.out()).doesNotContain("a-bearer-token");

    Cli otherCa = doctor(yaml(basic(passwordFile).replace(ca.toString(), otherCaPath())), data);
    assertThat(otherCa.out())
        .contains("FAIL  prometheus  " + prom.url() + " unreachable: TLS handshake failed")
        .contains("prometheus.caFile must hold the CA that signed its certificate");

    Cli missing = doctor(yaml(basic(dir.resolve("absent.password"))), data);
    assertThat(missing.out())
        .contains(
            "prometheus.passwordFile: '" + dir.resolve("absent.password") + "' does not exist");
  }

  private static String otherCaPath() {
    return otherCa.toString();
  }

  private static Cli doctor(String yaml, Path data) throws IOException {
    Path cfg = Files.writeString(data.resolveSibling("doctor.yaml"), yaml);
    return Cli.run("doctor", "--config", cfg.toString(), "--data", data.toString());
  }

  /**
   * The bearer token as sent: Prometheus itself checks only basic auth users (a bearer token is
   * checked by the reverse proxy in front of it, none of which is installed here), so a loopback
   * HTTP server records the header Vigie sends with {@code prometheus.bearerTokenFile}.
   */
  @Test
  void aBearerTokenIsSentAsTheAuthorizationHeaderAndNeverShown() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "tok-0123456789abcdef\n");
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext(
        "/",
        ex -> {
          seen.set(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] b =
              "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"7\"]}}"
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
          }
        });
    proxy.start();
    try {
      var settings =
          PressureSettings.connection(
              Json.yaml()
                  .readTree(
                      "prometheus: {url: 'http://127.0.0.1:%d', bearerTokenFile: '%s'}"
                          .formatted(proxy.getAddress().getPort(), token)));
      assertThat(settings.auth()).hasToString("bearer token");
      var client = new PrometheusClient(settings.url(), Duration.ofSeconds(5), settings.auth());
      assertThat(client.query("vector(7)")).isEqualTo(7.0);
      assertThat(seen.get()).isEqualTo("Bearer tok-0123456789abcdef");
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void wrongSettingsNameTheKeyAndNeverTheSecret() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cr3t-value\n");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    Path twoTokens = Files.writeString(dir.resolve("two"), "a b\n");
    String https = "url: 'https://127.0.0.1:9090'";
    assertProblem(
        https + ", username: vigie", "prometheus.passwordFile: required with prometheus.username");
    assertProblem(
        https + ", passwordFile: '" + secret + "'",
        "prometheus.username: required with prometheus.passwordFile");
    assertProblem(
        https + ", username: vigie, passwordFile: '" + dir.resolve("nope") + "'",
        "prometheus.passwordFile: '" + dir.resolve("nope") + "' does not exist");
    assertProblem(
        https + ", username: vigie, passwordFile: '" + dir + "'",
        "prometheus.passwordFile: '" + dir + "' is a directory, not a file");
    assertProblem(
        https + ", username: vigie, passwordFile: '" + empty + "'",
        "prometheus.passwordFile: '" + empty + "' is empty");
    assertProblem(
        https
            + ", username: vigie, passwordFile: '"
            + secret
            + "', bearerTokenFile: '"
            + secret
            + "'",
        "prometheus.bearerTokenFile: cannot be used with prometheus.username/passwordFile");
    assertProblem(
        https + ", bearerTokenFile: '" + twoTokens + "'",
        "prometheus.bearerTokenFile: '" + twoTokens + "' holds more than one token");
    assertProblem(
        "url: 'http://127.0.0.1:9090', caFile: '" + ca + "'",
        "prometheus.caFile: set, but prometheus.url 'http://127.0.0.1:9090' is not https");
    assertProblem(
        https + ", caFile: '" + notPem + "'",
        "prometheus.caFile: '" + notPem + "' holds no PEM certificate");
    assertProblem(
        "username: vigie, passwordFile: '" + secret + "'",
        "prometheus.username: set, but prometheus.url is not");
    // the same checks stop `vigie serve` before anything is written, naming the key
    try (var captured = StdErr.capture(new StringBuilder())) {
      assertThatThrownBy(() ->
              ServerFixture.start(
                  dir.resolve("s"), "prometheus: {url: 'http://127.0.0.1:1', username: vigie}"))
          .hasMessageContaining("prometheus.passwordFile: required with prometheus.username");
    }

    var ok =
        PressureSettings.read(
            Json.yaml()
                .readTree(
                    "prometheus: {%s, username: vigie, passwordFile: '%s', caFile: '%s'}"
                        .formatted(https, secret, ca)));
    assertThat(ok.auth().signsIn()).isTrue();
    assertThat(ok.toString()).doesNotContain("s3cr3t").contains("basic auth as vigie");
  }

  private static void assertProblem(String prometheus, String expected) throws Exception {
    JsonNode root = Json.yaml().readTree("prometheus: {" + prometheus + "}");
    assertThatThrownBy(() -> PressureSettings.read(root))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .message()
        .doesNotContain("s3cr3t");
    assertThatThrownBy(() -> PressureSettings.connection(root)).hasMessageContaining(expected);
  }

  private static JsonNode pressure(Http http) {
    JsonNode last = null;
    for (JsonNode a : json(http.get("/api/v1/alerts?limit=5000").body()).path("alerts")) {
      if (a.path("kind").asText().equals("PLATFORM_PRESSURE")
          && a.path("machine").asText().equals("pbx-auth")) {
        last = a;
      }
    }
    return last;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Vigie's log lines (written to stderr) while open, appended to {@code into} at close. */
  private static final class StdErr implements AutoCloseable {
    private final PrintStream old = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder into;

    private StdErr(StringBuilder into) {
      this.into = into;
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    static StdErr capture(StringBuilder into) {
      return new StdErr(into);
    }

    @Override
    public void close() {
      System.setErr(old);
      into.append(bytes.toString(StandardCharsets.UTF_8));
      old.print(into);
    }
  }
}
