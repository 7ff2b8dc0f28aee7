package dev.vigie.catalog;

/**
 * One thing wrong in a catalogue.
 *
 * @param where the entry and key, e.g. {@code services[voip-3cx].dependsOn[0].anyOf[1]}, or the
 *     YAML position for a syntax error
 * @param message what is wrong, naming the bad value, e.g. {@code unknown component 'pbx-9'}
 */
public record CatalogError(String where, String message) {
  /** Keeps every error on one line: a value quoted from the file may span several. */
  public CatalogError {
    where = oneLine(where);
    message = oneLine(message);
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return where.isEmpty() ? message : where + ": " + message;
  }
}
