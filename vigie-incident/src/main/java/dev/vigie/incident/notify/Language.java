package dev.vigie.incident.notify;

import java.util.Locale;

/** The languages client messages are written in. A contact's language picks the template. */
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

  /** The BCP 47 tag written in {@code Content-Language} and in {@code <html lang>}. */
  public String tag() {
    return locale.getLanguage();
  }

  /**
   * Parses {@code fr} or {@code en} (case-insensitive; a region such as {@code fr-FR} or {@code
   * en_GB} is accepted and ignored).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static Language parse(String value) {
    if (value != null) {
      String base = value.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
      for (Language language : values()) {
        if (language.tag().equals(base)) {
          return language;
        }
      }
    }
    throw new IllegalArgumentException("language: expected fr or en, got '" + value + "'");
  }
}
