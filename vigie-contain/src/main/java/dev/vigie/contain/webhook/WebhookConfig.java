package dev.vigie.contain.webhook;

import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of one webhook actuator.
 *
 * @param url where to POST ({@code http} or {@code https})
 * @param bearerToken sent as {@code Authorization: Bearer ...} when not null
 * @param hmacSecret when not null, {@code X-Vigie-Signature: sha256=HEX} is the HMAC-SHA256 of
 *     {@code timestamp + "." + body} with this secret, {@code X-Vigie-Timestamp} the epoch seconds
 * @param timeout per attempt (connect and response)
 * @param retries extra attempts after the first on a network error, a 5xx or a 429
 * @param backoff wait before the first retry, doubled for each further one
 * @param kinds which isolation kinds this endpoint handles (a hypervisor: machines only)
 */
public record WebhookConfig(
    URI url,
    String bearerToken,
    String hmacSecret,
    Duration timeout,
    int retries,
    Duration backoff,
    Set<IsolationKind> kinds) {

  public WebhookConfig {
    if (url == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new ConfigException("containment.webhook.url", url, "an http(s) URL");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("containment.webhook.timeout", timeout, "a positive duration");
    }
    if (retries < 0 || retries > 10) {
      throw new ConfigException("containment.webhook.retries", retries, "in 0..10");
    }
    if (backoff == null || backoff.isNegative()) {
      throw new ConfigException("containment.webhook.backoff", backoff, "a duration >= 0");
    }
    if (kinds == null || kinds.isEmpty()) {
      throw new ConfigException("containment.webhook.kinds", kinds, "at least one isolation kind");
    }
    kinds = Set.copyOf(kinds);
  }

  /** No authentication, 5 s timeout, 3 retries from 500 ms, every kind. */
  public static WebhookConfig of(URI url) {
    return new WebhookConfig(
        url,
        null,
        null,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(500),
        EnumSet.allOf(IsolationKind.class));
  }

  public WebhookConfig withBearer(String token) {
    return new WebhookConfig(url, token, hmacSecret, timeout, retries, backoff, kinds);
  }

  public WebhookConfig withHmac(String secret) {
    return new WebhookConfig(url, bearerToken, secret, timeout, retries, backoff, kinds);
  }

  public WebhookConfig withRetries(int n, Duration firstBackoff) {
    return new WebhookConfig(url, bearerToken, hmacSecret, timeout, n, firstBackoff, kinds);
  }

  public WebhookConfig withTimeout(Duration t) {
    return new WebhookConfig(url, bearerToken, hmacSecret, t, retries, backoff, kinds);
  }

  public WebhookConfig withKinds(Set<IsolationKind> k) {
    return new WebhookConfig(url, bearerToken, hmacSecret, timeout, retries, backoff, k);
  }
}
