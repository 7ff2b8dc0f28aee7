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

/**
 * Instant queries against Prometheus's HTTP API ({@code GET /api/v1/query?query=…}), with the JDK
 * {@link HttpClient} and Jackson. Every call is bounded by {@code timeout} (connection and whole
 * response) and reads at most 1 MiB of answer. Thread-safe.
 */
public final class PrometheusClient {
  private static final int MAX_BODY = 1 << 20;
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /** Prometheus unreachable, slow, or refusing the query: the message says which, for a person. */
  public static final class PrometheusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unreachable;

    PrometheusException(String message, boolean unreachable) {
      super(message);
      this.unreachable = unreachable;
    }

    /** True when Prometheus did not answer at all (the other queries of the round would not). */
    public boolean unreachable() {
      return unreachable;
    }
  }

  public PrometheusClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI base() {
    return base;
  }

  /**
   * The value of an instant query: the largest sample when it returns several series (the worst one
   * counts against a blocking threshold), NaN when it returns none.
   */
  public double query(String promql) throws PrometheusException {
    String b = base.toString();
    URI uri =
        URI.create(
            (b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> resp;
    byte[] body;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
    } catch (HttpTimeoutException e) {
      throw new PrometheusException(base + " did not answer within " + millis(timeout), true);
    } catch (IOException e) {
      throw new PrometheusException(base + " unreachable: " + reason(e), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted", true);
    }
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
    JsonNode data = root.path("data");
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
      default ->
          throw new PrometheusException(
              "query '"
                  + promql
                  + "' returns a "
                  + data.path("resultType").asText("?")
                  + ", not an instant vector or a scalar",
              false);
    };
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
