package dev.vigie.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, path-aware reading of a YAML/JSON tree. Every getter takes a default; a present value of
 * the wrong type is recorded as a problem naming the full key path and the bad value, and the
 * default is returned so that reading goes on and all problems are reported at once.
 */
public final class Node {
  private final JsonNode node;
  private final String path;
  private final List<String> problems;

  public Node(JsonNode node, String path, List<String> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  public static Node root(JsonNode node) {
    return new Node(node, "", new ArrayList<>());
  }

  public List<String> problems() {
    return problems;
  }

  public boolean has(String key) {
    return node != null && node.has(key) && !node.get(key).isNull();
  }

  public Node get(String key) {
    JsonNode child = node == null ? null : node.get(key);
    if (child != null && !child.isNull() && !child.isObject()) {
      problems.add(key(key) + ": expected a mapping, got '" + child.asText() + "'");
      child = null;
    }
    return new Node(child, key(key), problems);
  }

  public JsonNode raw() {
    return node;
  }

  public String path() {
    return path;
  }

  public String string(String key, String dflt) {
    JsonNode v = value(key);
    if (v == null) return dflt;
    if (!v.isValueNode()) return bad(key, v, "a string", dflt);
    return v.asText();
  }

  public int integer(String key, int dflt, int min, int max) {
    JsonNode v = value(key);
    if (v == null) return dflt;
    if (!v.canConvertToInt() || !v.isIntegralNumber() && !v.isTextual()) {
      if (v.isTextual()) {
        try {
          return range(key, Integer.parseInt(v.asText().strip()), min, max, dflt);
        } catch (NumberFormatException e) {
          return bad(key, v, "an integer", dflt);
        }
      }
      return bad(key, v, "an integer", dflt);
    }
    return range(key, v.asInt(), min, max, dflt);
  }

  public boolean bool(String key, boolean dflt) {
    JsonNode v = value(key);
    if (v == null) return dflt;
    if (v.isBoolean()) return v.asBoolean();
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    return bad(key, v, "true or false", dflt);
  }

  public ZoneId zone(String key, ZoneId dflt) {
    String s = string(key, null);
    if (s == null) return dflt;
    try {
      return ZoneId.of(s);
    } catch (RuntimeException e) {
      problems.add(key(key) + ": '" + s + "' is not a time zone (e.g. Europe/Paris)");
      return dflt;
    }
  }

  /** A duration as ISO-8601 (PT10M) or a number with a unit: 30s, 10m, 2h, 1d. */
  public Duration duration(String key, Duration dflt) {
    String s = string(key, null);
    if (s == null) return dflt;
    try {
      return parseDuration(s);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      problems.add(key(key) + ": '" + s + "' is not a duration (e.g. 30s, 10m, 2h, PT10M)");
      return dflt;
    }
  }

  public List<String> strings(String key) {
    JsonNode v = value(key);
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      problems.add(key(key) + ": expected a list");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e.isValueNode() && !e.isNull()) out.add(e.asText());
      else problems.add(key(key) + "[" + i + "]: expected a string");
    }
    return out;
  }

  public void problem(String key, String message) {
    problems.add(key(key) + ": " + message);
  }

  static Duration parseDuration(String s) {
    String t = s.strip();
    if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
    if (i == 0) throw new IllegalArgumentException(s);
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i).strip()) {
      case "ms" -> Duration.ofMillis(n);
      case "s", "" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException(s);
    };
  }

  private JsonNode value(String key) {
    if (node == null) return null;
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  private <T> T bad(String key, JsonNode v, String expected, T dflt) {
    problems.add(key(key) + ": '" + v.asText() + "' is not " + expected);
    return dflt;
  }

  private int range(String key, int v, int min, int max, int dflt) {
    if (v < min || v > max) {
      problems.add(key(key) + ": " + v + " is out of range [" + min + ", " + max + "]");
      return dflt;
    }
    return v;
  }

  private String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
