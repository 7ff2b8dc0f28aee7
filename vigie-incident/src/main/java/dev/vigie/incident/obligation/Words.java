package dev.vigie.incident.obligation;

import dev.vigie.incident.Language;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of obligations, drafts and reminders, from the bundles {@code
 * dev/vigie/incident/obligation/obligations_{fr,en}.properties} ({@link MessageFormat}), so that a
 * translator or the NOC can change them without a build. Times are written in the configured zone,
 * durations in words ("3 h 20 min"). Immutable and thread-safe.
 */
public final class Words {
  private static final String BUNDLE = "dev.vigie.incident.obligation.obligations";
  private final Language language;
  private final ResourceBundle bundle;
  private final ZoneId zone;

  private Words(Language language, ZoneId zone) {
    this.language = language;
    this.zone = zone;
    var locale = language == Language.FR ? Locale.FRENCH : Locale.ENGLISH;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public static Words of(Language language, ZoneId zone) {
    return new Words(language, zone);
  }

  public Language language() {
    return language;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The message of {@code key} with its arguments (always a MessageFormat: {@code ''} is a quote).
   */
  public String get(String key, Object... args) {
    var pattern = bundle.getString(key);
    var locale = language == Language.FR ? Locale.FRENCH : Locale.ENGLISH;
    return new MessageFormat(pattern, locale).format(args);
  }

  /** A field's label followed by the language's separator ("Échéance : ", "Due: "). */
  public String field(String key) {
    return get(key) + get("field.sep");
  }

  /** A duration in words: "3 h 20 min", "45 min", "2 j 3 h" (minutes are truncated). */
  public String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    long days = minutes / (24 * 60);
    long hours = (minutes / 60) % 24;
    long mins = minutes % 60;
    var sb = new StringBuilder();
    if (days > 0) {
      sb.append(days).append(' ').append(get("unit.day"));
    }
    if (hours > 0) {
      sb.append(sb.isEmpty() ? "" : " ").append(hours).append(' ').append(get("unit.hour"));
    }
    if (mins > 0 || sb.isEmpty()) {
      if (days == 0) {
        sb.append(sb.isEmpty() ? "" : " ").append(mins).append(' ').append(get("unit.minute"));
      }
    }
    return sb.toString();
  }

  /** A date and time in the zone: "24/09/2024 07h40" (FR), "24/09/2024 07:40" (EN). */
  public String dateTime(Instant at) {
    return at == null
        ? ""
        : DateTimeFormatter.ofPattern(get("format.dateTime")).format(at.atZone(zone));
  }

  /** A time of day in the zone: "07h40" (FR), "07:40" (EN). */
  public String time(Instant at) {
    return at == null
        ? ""
        : DateTimeFormatter.ofPattern(get("format.time")).format(at.atZone(zone));
  }

  /** A whole number with the language's grouping ("1 000 000"). */
  public String number(double n) {
    var locale = language == Language.FR ? Locale.FRENCH : Locale.ENGLISH;
    return new MessageFormat("{0,number,#,##0.##}", locale).format(new Object[] {n});
  }

  /** The name of a deadline kind. */
  public String kind(ObligationKind kind) {
    return get("kind." + kind.name());
  }

  /** The name of a deadline status. */
  public String status(DeadlineStatus status) {
    return get("status." + status.name());
  }
}
