package dev.vigie.server.config;

import java.util.List;

/**
 * A configuration or input file that cannot be used, with every problem found, each naming the
 * file, the key and the bad value. Its message is meant for the user as is (no stack trace).
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  public List<String> problems() {
    return problems;
  }
}
