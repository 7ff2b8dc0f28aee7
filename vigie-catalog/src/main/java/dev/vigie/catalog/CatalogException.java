package dev.vigie.catalog;

import java.util.List;

/**
 * A catalogue that cannot be used, with every error found (not only the first). The message is
 * meant for users as is: one line per error, no stack trace needed.
 */
public final class CatalogException extends Exception {
  private final String source;
  private final List<CatalogError> errors;

  public CatalogException(String source, List<CatalogError> errors) {
    super(format(source, errors), null, false, false);
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  /** The file name, or "catalogue" when read from a string. */
  public String source() {
    return source;
  }

  public List<CatalogError> errors() {
    return errors;
  }

  /** The messages, one per error, as {@code where: what}. */
  public List<String> messages() {
    return errors.stream().map(CatalogError::toString).toList();
  }

  private static String format(String source, List<CatalogError> errors) {
    StringBuilder out = new StringBuilder();
    out.append(source)
        .append(": ")
        .append(errors.size())
        .append(errors.size() == 1 ? " error" : " errors");
    for (CatalogError e : errors) {
      out.append(System.lineSeparator()).append("  ").append(e);
    }
    return out.toString();
  }
}
