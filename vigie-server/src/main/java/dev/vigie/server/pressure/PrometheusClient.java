package dev.vigie.server.pressure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.net.ssl.SSLException;

/**
 * Instant and range queries against Prometheus's HTTP API ({@code GET /api/v1/query?query=…},
 * {@code /api/v1/query_range}), with the JDK {@link HttpClient} and Jackson. Every call is bounded
 * by {@code timeout} (connection and whole response) and reads at most 1 MiB of answer. Signs in
 * with {@link PrometheusAuth} (basic auth or a bearer token; a custom CA for https): a refusal
 * (HTTP 401/403) is an error naming Prometheus, the status and the configuration keys, never the
 * secret. Thread-safe.
 */
public final class PrometheusClient {
  private static final int MAX_BODY = 1 << 20;
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final PrometheusAuth auth;

  /** Prometheus unreachable, slow, or refusing the query: the message says which, for a person. */
  public static final class PrometheusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unreachable;

    PrometheusException(String message, boolean unreachable) {
      super(message);
      this.unreachable = unreachable;
    }

    /**
     * True when Prometheus did not answer at all or refused Vigie's credentials (the other queries
     * of the round would fail the same way).
     */
    public boolean unreachable() {
      return unreachable;
    }
  }

  public PrometheusClient(URI base, Duration timeout) {
    this(base, timeout, PrometheusAuth.NONE);
  }

  public PrometheusClient(URI base, Duration timeout, PrometheusAuth auth) {
    this.base = base;
    this.timeout = timeout;
    this.auth = auth;
    this.http = auth.client(timeout);
  }

  /**
   * {@code GET /-/healthy} (signed in like the queries).
   *
   * @throws PrometheusException unreachable, credentials refused, or not healthy: the message says
   *     which
   */
  public void healthy() throws PrometheusException {
    String b = base.toString();
    URI uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/-/healthy");
    HttpResponse<InputStream> resp = send(uri);
    try (InputStream in = resp.body()) {
      in.readNBytes(4096);
    } catch (IOException e) {
      // the status is enough
    }
    refused(resp.statusCode());
    if (resp.statusCode() != 200) {
      throw new PrometheusException(
          base + " answered HTTP " + resp.statusCode() + " to /-/healthy", false);
    }
  }

  public URI base() {
    return base;
  }

  /**
   * The value of an instant query: the largest sample when it returns several series (the worst one
   * counts against a blocking threshold), NaN when it returns none.
   */
  public double query(String promql) throws PrometheusException {
    JsonNode data =
        data("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
    return switch (data.path("resultType").asText()) {
      case "vector" -> {
        double max = Double.NaN;
        for (JsonNode series : data.path("result")) {
          double v = sample(series.path("value"));
          if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) max = v;
        }
        yield max;
      }
      case "scalar" -> sample(data.path("result"));
      default -> throw notA(promql, data, "an instant vector or a scalar");
    };
  }

  /**
   * A range query ({@code GET /api/v1/query_range}) from {@code start} to {@code end} every {@code
   * step}: at each evaluation time, the largest sample of the series it returns (as {@link #query}
   * does), in time order; times without any sample (or only NaN) are left out. At most 11,000
   * points per series (Prometheus's own limit): pick the step accordingly.
   */
  public NavigableMap<Instant, Double> queryRange(
      String promql, Instant start, Instant end, Duration step) throws PrometheusException {
    JsonNode data =
        data(
            "/api/v1/query_range?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start="
                + seconds(start)
                + "&end="
                + seconds(end)
                + "&step="
                + Math.max(1, step.toSeconds())
                + "s",
            promql);
    if (!"matrix".equals(data.path("resultType").asText())) {
      throw notA(promql, data, "a range vector");
    }
    NavigableMap<Instant, Double> out = new TreeMap<>();
    for (JsonNode series : data.path("result")) {
      for (JsonNode pair : series.path("values")) {
        double v = sample(pair);
        if (Double.isNaN(v) || !pair.get(0).isNumber()) continue;
        // Unix seconds with at most milliseconds (Prometheus's resolution)
        Instant at = Instant.ofEpochMilli(Math.round(pair.get(0).asDouble() * 1000));
        out.merge(at, v, Math::max);
      }
    }
    return out;
  }

  /** The {@code data} of a successful answer to {@code path} (a query of {@code promql}). */
  private JsonNode data(String path, String promql) throws PrometheusException {
    String b = base.toString();
    URI uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    HttpResponse<InputStream> resp = send(uri);
    byte[] body;
    try (InputStream in = resp.body()) {
      body = in.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw new PrometheusException(base + " unreachable: " + reason(e), true);
    }
    refused(resp.statusCode());
    if (body.length > MAX_BODY) {
      throw new PrometheusException("answer to '" + promql + "' larger than 1 MiB", false);
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new PrometheusException(
          base + " answered HTTP " + resp.statusCode() + " without a Prometheus JSON body", false);
    }
    if (!"success".equals(root.path("status").asText())) {
      throw new PrometheusException(
          "query '"
              + promql
              + "' refused (HTTP "
              + resp.statusCode()
              + "): "
              + root.path("errorType").asText("?")
              + ": "
              + root.path("error").asText(""),
          false);
    }
    return root.path("data");
  }

  private static PrometheusException notA(String promql, JsonNode data, String expected) {
    return new PrometheusException(
        "query '"
            + promql
            + "' returns a "
            + data.path("resultType").asText("?")
            + ", not "
            + expected,
        false);
  }

  /** Unix seconds with milliseconds, as Prometheus reads {@code start} and {@code end}. */
  private static String seconds(Instant t) {
    return java.math.BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
  }

  private HttpResponse<InputStream> send(URI uri) throws PrometheusException {
    HttpRequest req =
        auth.sign(HttpRequest.newBuilder(uri))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new PrometheusException(base + " did not answer within " + millis(timeout), true);
    } catch (SSLException e) {
      throw new PrometheusException(
          base
              + " unreachable: TLS handshake failed ("
              + reason(e)
              + "); prometheus.caFile must hold the CA that signed its certificate",
          true);
    } catch (IOException e) {
      throw new PrometheusException(base + " unreachable: " + reason(e), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted", true);
    }
  }

  /** HTTP 401/403: the credentials are missing or wrong; every query would be refused. */
  private void refused(int status) throws PrometheusException {
    if (status != 401 && status != 403) return;
    String what = status == 401 ? "HTTP 401 Unauthorized" : "HTTP 403 Forbidden";
    throw new PrometheusException(
        base
            + " refused Vigie's credentials ("
            + what
            + "): "
            + (auth.signsIn()
                ? "check " + auth.keys()
                : "it requires them; set prometheus.username and prometheus.passwordFile, or"
                    + " prometheus.bearerTokenFile"),
        true);
  }

  /** {@code [timestamp, "value"]}: the value (Prometheus writes it as a string: NaN, +Inf...). */
  private static double sample(JsonNode pair) {
    if (!pair.isArray() || pair.size() != 2) return Double.NaN;
    try {
      return Double.parseDouble(pair.get(1).asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String millis(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String reason(IOException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
