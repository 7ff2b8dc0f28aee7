package dev.vigie.incident;

import java.util.Locale;

/**
 * Languages of reports, of the texts Vigie writes into timelines and of client messages (a
 * contact's language picks the template).
 */
public enum Language {
  FR(Locale.FRENCH),
  EN(Locale.ENGLISH);

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  /**
   * ISO code as in {@code lang=fr}; also the BCP 47 tag written in {@code Content-Language} and in
   * {@code <html lang>}.
   */
  public String code() {
    return locale.getLanguage();
  }

  /** Parses {@code fr|en}; null or blank gives French, the provider's language. */
  public static Language parse(String field, String value) {
    if (value == null || value.isBlank()) {
      return FR;
    }
    return Enums.parse(Language.class, field, value);
  }

  /**
   * Parses a configured or stored language, {@code fr} or {@code en} (case-insensitive; a region
   * such as {@code fr-FR} or {@code en_GB} is accepted and ignored).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static Language parse(String value) {
    if (value != null) {
      String base = value.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
      for (Language language : values()) {
        if (language.code().equals(base)) {
          return language;
        }
      }
    }
    throw new IllegalArgumentException("language: expected fr or en, got '" + value + "'");
  }
}
