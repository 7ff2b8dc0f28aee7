package dev.vigie.server.i18n;

import java.util.Locale;

/** The interface languages: French (the default) and English. */
public enum Lang {
  FR,
  EN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "fr" or "en" (any case); anything else gives the default, French. */
  public static Lang parse(String s) {
    return s != null && s.strip().equalsIgnoreCase("en") ? EN : FR;
  }
}
