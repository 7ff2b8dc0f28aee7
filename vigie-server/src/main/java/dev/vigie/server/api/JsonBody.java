package dev.vigie.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON object read field by field, each refusal a 400 {@link ApiError} that names the
 * field and what was expected. Absent and {@code null} fields read as null (optional); callers or
 * the domain records decide what is required.
 */
final class JsonBody {
  private final JsonNode root;
  private final String prefix;

  private JsonBody(JsonNode root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** The body of a request, which must be one JSON object. */
  static JsonBody of(Context ctx) {
    var text = ctx.body();
    if (text.isBlank()) {
      throw ApiError.badRequest("the request body is empty; a JSON object is expected");
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid JSON body: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("the request body must be a JSON object");
    }
    return new JsonBody(node, "");
  }

  /** An empty body reads as {@code {}} (for actions whose fields are all optional). */
  static JsonBody orEmpty(Context ctx) {
    return ctx.body().isBlank() ? new JsonBody(Json.mapper().createObjectNode(), "") : of(ctx);
  }

  JsonNode root() {
    return root;
  }

  boolean has(String field) {
    return root.hasNonNull(field);
  }

  String text(String field) {
    var n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiError.badRequest("field '" + prefix + field + "' must be a string");
    }
    return n.asText();
  }

  /** An ISO-8601 instant ({@code 2024-09-23T05:40:00Z}, or with an offset). */
  Instant instant(String field) {
    var s = text(field);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(s.strip());
        throw ApiError.badRequest(
            "field '"
                + prefix
                + field
                + "': '"
                + s
                + "' has no time zone; add Z or an offset (+02:00)");
      } catch (DateTimeParseException e2) {
        throw ApiError.badRequest(
            "field '" + prefix + field + "': '" + s + "' is not an ISO-8601 date-time");
      }
    }
  }

  /** An ISO date ({@code 2024-10-15}). */
  LocalDate date(String field) {
    var s = text(field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("field '" + prefix + field + "': '" + s + "' is not YYYY-MM-DD");
    }
  }

  Long integer(String field) {
    var n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
      throw ApiError.badRequest("field '" + prefix + field + "' must be an integer");
    }
    return n.asLong();
  }

  Boolean bool(String field) {
    var n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      throw ApiError.badRequest("field '" + prefix + field + "' must be true or false");
    }
    return n.asBoolean();
  }

  /** A list of strings; null when absent. */
  List<String> strings(String field) {
    var n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw ApiError.badRequest("field '" + prefix + field + "' must be an array of strings");
    }
    var out = new ArrayList<String>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw ApiError.badRequest("field '" + prefix + field + "[" + i + "]' must be a string");
      }
      out.add(n.get(i).asText());
    }
    return out;
  }

  /** Objects of an array, each as a body of its own; null when absent. */
  List<JsonBody> objects(String field) {
    var n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw ApiError.badRequest("field '" + prefix + field + "' must be an array");
    }
    var out = new ArrayList<JsonBody>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isObject()) {
        throw ApiError.badRequest("field '" + prefix + field + "[" + i + "]' must be an object");
      }
      out.add(new JsonBody(n.get(i), prefix + field + "[" + i + "]."));
    }
    return out;
  }
}
