package dev.vigie.contain.config;

/** A bad containment setting; the message names the key and the value. */
public final class ConfigException extends IllegalArgumentException {

  private final String key;

  public ConfigException(String key, Object value, String expected) {
    super(key + ": '" + value + "' is not " + expected);
    this.key = key;
  }

  /** The dotted path of the bad setting, e.g. {@code containment.cap.maxActions}. */
  public String key() {
    return key;
  }
}
