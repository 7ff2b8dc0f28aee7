package dev.vigie.server.failover;

import dev.vigie.server.Json;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.server.config.ServeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The optional call to the carrier or SBC that switches routing to the backup number: {@code POST
 * failover.webhook.url} with {@code {"event": "ACTIVATED"|"DEACTIVATED", "numbers", "backupNumber",
 * "reason", "at", ...}} as JSON. A 2xx answer is success; anything else (status, connection error,
 * timeout) is retried up to {@code attempts} times, {@code retryDelay} apart, so a call lasts at
 * most {@code attempts x (timeout + retryDelay)}. Blocking: called from the failover thread.
 *
 * @param url the endpoint, {@code null} when no webhook is configured
 */
public record FailoverWebhook(URI url, Duration timeout, int attempts, Duration retryDelay) {

  /** What a call ended with: the last HTTP status (0 when none came) and the attempts made. */
  public record Outcome(boolean ok, int status, int attempts, String error) {}

  /** Reads {@code failover.webhook.*}; errors name the key and the value. */
  public static FailoverWebhook from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node w = root.get("failover").get("webhook");
    String u = w.string("url", null);
    URI url = null;
    if (u != null) {
      try {
        url = URI.create(u.strip());
        if (!url.isAbsolute() || url.getHost() == null || !url.getScheme().startsWith("http")) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        w.problem("url", "'" + u + "' is not an absolute http(s) URL");
      }
    }
    FailoverWebhook hook =
        new FailoverWebhook(
            url,
            w.duration("timeout", Duration.ofSeconds(5)),
            w.integer("attempts", 3, 1, 20),
            w.duration("retryDelay", Duration.ofSeconds(2)));
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    return hook;
  }

  public boolean configured() {
    return url != null;
  }

  /** Posts the payload, retrying; never throws. */
  public Outcome call(Map<String, Object> payload) {
    String body;
    try {
      body = Json.mapper().writeValueAsString(payload);
    } catch (IOException e) {
      return new Outcome(false, 0, 0, "payload: " + e.getMessage());
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    int status = 0;
    String error = null;
    for (int i = 1; i <= attempts; i++) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "vigie-failover")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        if (status / 100 == 2) return new Outcome(true, status, i, null);
        error = "HTTP " + status;
      } catch (IOException e) {
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(false, status, i, "interrupted");
      }
      if (i < attempts) {
        try {
          Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome(false, status, i, "interrupted");
        }
      }
    }
    return new Outcome(false, status, attempts, error);
  }
}
