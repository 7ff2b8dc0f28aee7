package dev.vigie.contain.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.ledger.IsolationJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells another system (a hypervisor API, an SBC, a firewall manager) to isolate or release, by
 * POSTing JSON:
 *
 * <pre>
 * {"action": "isolate" | "release", "id": "…", "kind": "SOURCE_BLOCK" | "MACHINE_ISOLATION",
 *  "target": {"type": "source", "prefix": "198.51.100.7"}
 *          | {"type": "machine", "machine": "pbx-acme", "addresses": ["10.0.1.15"]},
 *  "reason": "ISOLATE", "detail": "…", "alert": "…" | null, "expires": "ISO-8601" | null,
 *  "actor": "auto", "dryRun": false, "sentAt": "ISO-8601"}
 * </pre>
 *
 * <p>A 2xx answer is success. A network error, a timeout, a 5xx or a 429 is retried up to {@code
 * retries} times with exponential backoff; any other status fails at once. When every attempt fails
 * the action fails and the service does not record it as in force. {@code Idempotency-Key:
 * <id>:<action>} lets the receiver ignore a retry of a call it already executed. The webhook cannot
 * report what is in force, so reconciliation trusts the ledger for it. Blocking (the calling thread
 * waits, at most {@code (retries + 1) * timeout} plus the backoffs); thread-safe.
 */
public final class WebhookActuator implements Actuator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookConfig cfg;
  private final InstantSource clock;
  private final HttpClient http;

  public WebhookActuator(WebhookConfig cfg, InstantSource clock) {
    this.cfg = cfg;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(cfg.timeout()).build();
  }

  @Override
  public String name() {
    return "webhook " + cfg.url();
  }

  @Override
  public boolean supports(IsolationKind kind) {
    return cfg.kinds().contains(kind);
  }

  @Override
  public void apply(Isolation isolation) throws ActuationException {
    post("isolate", isolation);
  }

  @Override
  public void revoke(Isolation isolation) throws ActuationException {
    post("release", isolation);
  }

  /** The JSON body for one call. */
  String body(String action, Isolation i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", action);
    m.put("id", i.id());
    m.put("kind", i.kind().name());
    m.put("target", IsolationJson.target(i.target()));
    m.put("reason", i.reason() == null ? null : i.reason().name());
    m.put("detail", i.detail());
    m.put("alert", i.alertId());
    m.put("expires", i.expires() == null ? null : i.expires().toString());
    m.put("actor", i.actor());
    m.put("dryRun", i.dryRun());
    m.put("sentAt", clock.instant().toString());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write webhook JSON", e);
    }
  }

  private void post(String action, Isolation isolation) throws ActuationException {
    String body = body(action, isolation);
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(cfg.url())
            .timeout(cfg.timeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", isolation.id() + ":" + action)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (cfg.bearerToken() != null) {
      rb.header("Authorization", "Bearer " + cfg.bearerToken());
    }
    if (cfg.hmacSecret() != null) {
      String ts = Long.toString(clock.instant().getEpochSecond());
      rb.header("X-Vigie-Timestamp", ts);
      rb.header("X-Vigie-Signature", "sha256=" + hmac(cfg.hmacSecret(), ts + "." + body));
    }
    HttpRequest req = rb.build();
    String last = "";
    long wait = cfg.backoff().toMillis();
    for (int attempt = 0; attempt <= cfg.retries(); attempt++) {
      if (attempt > 0) {
        pause(wait);
        wait *= 2;
      }
      try {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status / 100 == 2) {
          return;
        }
        last = "HTTP " + status + " " + abbreviate(r.body());
        if (status < 500 && status != 429) {
          break; // the receiver refused this call: retrying will not help
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActuationException("interrupted while calling " + cfg.url(), e);
      }
    }
    throw new ActuationException(
        "webhook " + cfg.url() + " " + action + " " + isolation.id() + " failed: " + last);
  }

  /** HMAC-SHA256 of {@code data} with {@code secret}, lower-case hex. */
  public static String hmac(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static void pause(long ms) throws ActuationException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActuationException("interrupted during webhook backoff", e);
    }
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
