package dev.vigie.server.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import java.time.Duration;

/**
 * The {@code statusPage} section (docs/configuration.md): how long browsers and proxies may keep a
 * public page without asking again ({@code maxAge}: {@code Cache-Control: public, no-cache} at 0,
 * the default, else {@code public, max-age}) and how long the server keeps what it built before
 * building it again even when nothing told it of a change ({@code cacheFor}: the bound on anything
 * the exact invalidation missed, such as a write by another process sharing the database).
 *
 * @param maxAge {@code Cache-Control: max-age} of the public pages, 0 s to 1 h
 * @param cacheFor the longest the server serves one build, 0 s (no cache) to 5 min
 */
public record StatusPageSettings(Duration maxAge, Duration cacheFor) {
  // 0: browsers and proxies keep the page but ask again each time (a 304 while it is unchanged), so
  // the backup number shows at the next load once the main numbers are declared down
  static final Duration MAX_AGE = Duration.ZERO;
  static final Duration CACHE_FOR = Duration.ofSeconds(5);

  public static StatusPageSettings defaults() {
    return new StatusPageSettings(MAX_AGE, CACHE_FOR);
  }

  /** No server cache (every request reads the facts again), no browser cache either. */
  static StatusPageSettings uncached() {
    return new StatusPageSettings(Duration.ZERO, Duration.ZERO);
  }

  /** Reads {@code statusPage} from the configuration root; every problem names its key. */
  public static StatusPageSettings from(JsonNode root) {
    Node s = Node.root(root).get("statusPage");
    Duration maxAge = s.duration("maxAge", MAX_AGE);
    Duration cacheFor = s.duration("cacheFor", CACHE_FOR);
    if (maxAge.isNegative() || maxAge.compareTo(Duration.ofHours(1)) > 0)
      s.problem("maxAge", "'" + maxAge.toSeconds() + "s' is not between 0s and 1h");
    if (cacheFor.isNegative() || cacheFor.compareTo(Duration.ofMinutes(5)) > 0)
      s.problem("cacheFor", "'" + cacheFor.toMillis() + "ms' is not between 0s and 5m");
    if (!s.problems().isEmpty()) throw new ConfigException("configuration", s.problems());
    return new StatusPageSettings(maxAge, cacheFor);
  }
}
