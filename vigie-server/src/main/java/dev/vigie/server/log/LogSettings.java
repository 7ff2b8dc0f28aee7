package dev.vigie.server.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.event.Level;

/**
 * How Vigie logs ({@code logging:} in the configuration): {@code format} {@code text} (default) or
 * {@code json}, one line per event either way; {@code level} of Vigie's own loggers ({@code
 * dev.vigie.*}, default INFO); every library at WARN unless {@code levels} names its logger prefix
 * (e.g. {@code {io.javalin: INFO}}), so the start-up chatter of Jetty, Javalin, Hikari, Flyway or
 * Netty stays out of the journal. Read once at start; loggers look their level up per call.
 */
public final class LogSettings {
  /** Output format. */
  public enum Format {
    TEXT,
    JSON
  }

  private static volatile Format format = Format.TEXT;
  private static final int OFF = Integer.MAX_VALUE;
  private static volatile int vigieLevel = Level.INFO.toInt();
  private static volatile int libraryLevel = Level.WARN.toInt();
  private static volatile Map<String, Integer> prefixes = Map.of();
  private static final Map<String, Integer> CACHE = new ConcurrentHashMap<>();

  private LogSettings() {}

  public static Format format() {
    return format;
  }

  /** The threshold of a logger: the longest configured prefix, else Vigie's or the libraries'. */
  static int level(String logger) {
    return CACHE.computeIfAbsent(logger, LogSettings::resolve);
  }

  private static Integer resolve(String logger) {
    Integer best = null;
    int bestLen = -1;
    for (var e : prefixes.entrySet()) {
      String p = e.getKey();
      if ((logger.equals(p) || logger.startsWith(p + ".")) && p.length() > bestLen) {
        best = e.getValue();
        bestLen = p.length();
      }
    }
    if (best != null) return best;
    return logger.startsWith("dev.vigie.") ? vigieLevel : libraryLevel;
  }

  /**
   * Applies the {@code logging} section (a missing node keeps the defaults).
   *
   * @throws ConfigException naming every bad key and value
   */
  public static void configure(JsonNode logging) {
    List<String> problems = new ArrayList<>();
    Format f = Format.TEXT;
    int vigie = Level.INFO.toInt();
    Map<String, Integer> pre = new ConcurrentHashMap<>();
    if (logging != null && !logging.isMissingNode() && !logging.isNull()) {
      if (!logging.isObject()) {
        throw new ConfigException("logging: must be a mapping (format, level, levels)");
      }
      String fmt = logging.path("format").asText("text");
      try {
        f = Format.valueOf(fmt.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("logging.format: '" + fmt + "' is not text or json");
      }
      String lvl = logging.path("level").asText("INFO");
      Integer l = parse(lvl);
      if (l == null) problems.add("logging.level: '" + lvl + "' is not " + LEVELS);
      else vigie = l;
      JsonNode levels = logging.path("levels");
      if (levels.isObject()) {
        for (var it = levels.fields(); it.hasNext(); ) {
          var e = it.next();
          Integer pl = parse(e.getValue().asText(""));
          if (pl == null)
            problems.add(
                "logging.levels."
                    + e.getKey()
                    + ": '"
                    + e.getValue().asText()
                    + "' is not "
                    + LEVELS);
          else pre.put(e.getKey(), pl);
        }
      } else if (!levels.isMissingNode()) {
        problems.add("logging.levels: must be a mapping of logger prefix to level");
      }
    }
    if (!problems.isEmpty()) throw new ConfigException(String.join("; ", problems));
    format = f;
    vigieLevel = vigie;
    prefixes = Map.copyOf(pre);
    CACHE.clear();
  }

  /** Back to the defaults (tests). */
  public static void reset() {
    format = Format.TEXT;
    vigieLevel = Level.INFO.toInt();
    libraryLevel = Level.WARN.toInt();
    prefixes = Map.of();
    CACHE.clear();
  }

  private static final String LEVELS = "TRACE, DEBUG, INFO, WARN, ERROR or OFF";

  /** A level's threshold (OFF above every level), or null when the name is none. */
  private static Integer parse(String s) {
    String u = s.strip().toUpperCase(Locale.ROOT);
    if (u.equals("OFF")) return OFF;
    try {
      return Level.valueOf(u).toInt();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean enabled(String logger, Level at) {
    return at.toInt() >= level(logger);
  }
}
