package dev.vigie.incident;

import java.util.Locale;

/** Languages of reports and of the texts Vigie writes into timelines. */
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

  /** ISO code as in {@code lang=fr}. */
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
}
