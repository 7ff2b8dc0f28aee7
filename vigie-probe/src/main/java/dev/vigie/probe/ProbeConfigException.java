package dev.vigie.probe;

import java.util.List;

/**
 * A probe configuration that cannot be used. Each problem names the key and the bad value, e.g.
 * {@code port: 70000 is not a port (1-65535)}; all problems of one target are reported at once.
 */
public final class ProbeConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ProbeConfigException(String target, List<String> problems) {
    super("probe '" + target + "': " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the key. */
  public List<String> problems() {
    return problems;
  }
}
