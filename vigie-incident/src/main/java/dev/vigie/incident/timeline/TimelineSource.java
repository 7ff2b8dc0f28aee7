package dev.vigie.incident.timeline;

import dev.vigie.incident.InvalidIncidentException;
import java.util.Locale;

/** Who or what wrote a timeline entry. */
public enum TimelineSource {
  /** A Vigie alert or an Alertmanager alert. */
  ALERT,
  /** A containment action or its release, a threshold change. */
  ACTION,
  /** A SIP probe result. */
  PROBE,
  /** An operator (console or API). */
  OPERATOR,
  /** Vigie itself: lifecycle transitions, suggestions. */
  SYSTEM,
  /** A client notification sent. */
  NOTIFICATION;

  public static TimelineSource parse(String field, String value) {
    if (value == null || value.isBlank()) {
      return OPERATOR;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidIncidentException(
          field + " '" + value + "' is not one of ALERT|ACTION|PROBE|OPERATOR|SYSTEM|NOTIFICATION",
          e);
    }
  }
}
