package dev.vigie.catalog;

/** A number's role on its line: one of the main numbers, or a backup used when they fail. */
public enum NumberRole {
  MAIN,
  BACKUP
}
