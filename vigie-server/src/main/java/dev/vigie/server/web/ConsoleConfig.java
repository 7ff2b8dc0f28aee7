package dev.vigie.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.config.ConfigException;
import java.time.Duration;

/**
 * The {@code console:} section of the configuration.
 *
 * @param secureCookies ALWAYS, NEVER, or AUTO (Secure when the request came over HTTPS, directly or
 *     through a proxy saying {@code X-Forwarded-Proto: https}); default AUTO
 * @param sessionIdle a session ends after this long without a request; default 30 min
 * @param sessionMax a session ends this long after sign-in; default 12 h
 */
public record ConsoleConfig(
    SecureCookies secureCookies, Duration sessionIdle, Duration sessionMax) {
  public enum SecureCookies {
    AUTO,
    ALWAYS,
    NEVER
  }

  public static ConsoleConfig defaults() {
    return new ConsoleConfig(SecureCookies.AUTO, Duration.ofMinutes(30), Duration.ofHours(12));
  }

  /**
   * Reads {@code console.secureCookies}, {@code console.sessionIdleMinutes}, {@code
   * console.sessionMaxHours}.
   */
  public static ConsoleConfig from(JsonNode root) {
    JsonNode c = root == null ? null : root.get("console");
    if (c == null || c.isNull()) return defaults();
    ConsoleConfig d = defaults();
    SecureCookies sc = d.secureCookies();
    if (c.has("secureCookies")) {
      String v = c.get("secureCookies").asText().strip();
      sc =
          switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SecureCookies.AUTO;
            case "true", "always" -> SecureCookies.ALWAYS;
            case "false", "never" -> SecureCookies.NEVER;
            default ->
                throw new ConfigException(
                    "console.secureCookies: '" + v + "' must be auto, always or never");
          };
    }
    Duration idle = minutes(c, "sessionIdleMinutes", d.sessionIdle().toMinutes(), 1, 24 * 60);
    Duration max =
        minutes(c, "sessionMaxHours", d.sessionMax().toHours(), 1, 24 * 30).multipliedBy(60);
    return new ConsoleConfig(sc, idle, max);
  }

  private static Duration minutes(JsonNode c, String key, long dflt, long min, long max) {
    if (!c.has(key)) return Duration.ofMinutes(dflt);
    JsonNode v = c.get(key);
    if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw new ConfigException(
          "console."
              + key
              + ": '"
              + v.asText()
              + "' must be an integer in ["
              + min
              + ", "
              + max
              + "]");
    }
    return Duration.ofMinutes(v.asLong());
  }
}
