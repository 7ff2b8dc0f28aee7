package dev.vigie.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed access to the keys of one YAML mapping, recording an error (never throwing) for a missing
 * or ill-typed value so that the loader reports every problem of a file at once.
 */
final class YamlEntry {
  private final JsonNode node;
  private final String path;
  private final List<CatalogError> errors;

  YamlEntry(JsonNode node, String path, List<CatalogError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  void error(String key, String message) {
    String where = key == null ? path : path.isEmpty() ? key : path + "." + key;
    errors.add(new CatalogError(where, message));
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** A scalar as text; null (and an error if required) when absent; an error if not a scalar. */
  String text(String key, boolean required) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        error(null, "missing required key '" + key + "'");
      }
      return null;
    }
    if (!value.isValueNode()) {
      error(key, "must be a single value, got " + describe(value));
      return null;
    }
    String text = value.asText().strip();
    if (text.isEmpty()) {
      error(key, "must not be empty");
      return null;
    }
    return text;
  }

  boolean bool(String key, boolean absent) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    String text = value.isValueNode() ? value.asText() : describe(value);
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    error(key, "must be true or false, got '" + text + "'");
    return absent;
  }

  /** A whole number >= 0 ({@code 120}); 0 when absent, an error when not such a number. */
  long count(String key) {
    String text = text(key, false);
    if (text == null) {
      return 0;
    }
    try {
      long v = Long.parseLong(text);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error(key, "must be a whole number >= 0, got '" + text + "'");
    return 0;
  }

  /** An enum constant named case-insensitively ({@code sbc} for {@code SBC}). */
  <E extends Enum<E>> E choice(String key, Class<E> type, E absent) {
    String text = text(key, false);
    if (text == null) {
      return absent;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    String expected =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    error(key, "unknown value '" + text + "' (expected one of " + expected + ")");
    return absent;
  }

  /** The elements of a list; a lone mapping or scalar counts as a list of one. */
  List<JsonNode> list(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isArray()) {
      List<JsonNode> out = new ArrayList<>();
      value.forEach(out::add);
      return out;
    }
    return List.of(value);
  }

  /** A list of scalars as text, naming each bad element by its index. */
  List<String> texts(String key) {
    List<String> out = new ArrayList<>();
    List<JsonNode> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
        out.add(item.asText().strip());
      } else {
        error(key + "[" + i + "]", "must be a single value, got " + describe(item));
      }
    }
    return out;
  }

  /** Reports every key not in {@code known}. */
  void rejectUnknownKeys(List<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        error(name, "unknown key '" + name + "' (known keys: " + String.join(", ", known) + ")");
      }
    }
  }

  static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    String text = value.asText();
    return "'" + (text.length() > 60 ? text.substring(0, 59) + "…" : text) + "'";
  }
}
