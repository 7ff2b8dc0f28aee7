package dev.vigie.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.vigie.server.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The pretty-printed JSON of {@code analyze}, written with Jackson's streaming generator and the
 * same {@link DefaultPrettyPrinter} as {@code Json.mapper().writerWithDefaultPrettyPrinter()}, so
 * the text is the same byte for byte, without starting Jackson's object mapper (its modules, date
 * formats and serializer caches cost a short run more CPU than writing the report). Knows the
 * values a report holds: maps with text keys, collections, text, numbers, booleans, null, instants
 * (ISO-8601, as the mapper's time module writes them) and {@link AnalyzeReport.MachineCount};
 * anything else goes through the mapper as before.
 */
final class ReportJson {
  private ReportJson() {}

  /** Thrown inside {@link #value} for a value this writer does not know. */
  private static final class Unknown extends RuntimeException {
    Unknown() {
      super(null, null, false, false);
    }
  }

  static String write(Map<String, Object> root) {
    StringWriter out = new StringWriter(8192);
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      value(g, root);
    } catch (Unknown e) {
      return viaMapper(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** What the report printed before: the object mapper's pretty printer. */
  static String viaMapper(Object root) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Long l -> g.writeNumber(l);
      case Integer i -> g.writeNumber(i);
      case Boolean b -> g.writeBoolean(b);
      case Double d -> g.writeNumber(d);
      case Float f -> g.writeNumber(f);
      case Short s -> g.writeNumber(s);
      case Byte b -> g.writeNumber(b.intValue());
      case BigDecimal d -> g.writeNumber(d);
      case BigInteger i -> g.writeNumber(i);
      case Instant t -> g.writeString(t.toString());
      case AnalyzeReport.MachineCount m -> {
        g.writeStartObject();
        g.writeFieldName("id");
        value(g, m.id());
        g.writeFieldName("messagesIn");
        g.writeNumber(m.messagesIn());
        g.writeFieldName("messagesOut");
        g.writeNumber(m.messagesOut());
        g.writeEndObject();
      }
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String k)) throw new Unknown();
          g.writeFieldName(k);
          value(g, e.getValue());
        }
        g.writeEndObject();
      }
      case Collection<?> c -> {
        g.writeStartArray();
        for (Object o : c) value(g, o);
        g.writeEndArray();
      }
      default -> throw new Unknown();
    }
  }
}
