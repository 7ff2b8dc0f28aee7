package dev.vigie.detect.inventory;

import java.util.List;

/**
 * Configuration that does not validate. Carries every error found, each naming the key path and the
 * bad value (e.g. {@code machines[2].addresses[0]: '10.0.1.300' is not an IP address or CIDR}).
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> errors;

  public InvalidConfigException(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
