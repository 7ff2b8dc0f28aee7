package dev.vigie.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON (and YAML) configuration of Vigie: ISO-8601 instants, no nulls dropped. */
public final class Json {
  // each mapper is made the first time it is asked for (a holder class each): a command that
  // only reads YAML, or only writes JSON, does not pay for starting the other
  private static final class JsonHolder {
    static final ObjectMapper JSON =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();
  }

  private static final class YamlHolder {
    static final ObjectMapper YAML =
        YAMLMapper.builder(new YAMLFactory()).addModule(new JavaTimeModule()).build();
  }

  private Json() {}

  /** Shared, thread-safe JSON mapper. */
  public static ObjectMapper mapper() {
    return JsonHolder.JSON;
  }

  /** Shared, thread-safe YAML mapper (for configuration files). */
  public static ObjectMapper yaml() {
    return YamlHolder.YAML;
  }
}
