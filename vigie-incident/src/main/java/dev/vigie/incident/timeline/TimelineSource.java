package dev.vigie.incident.timeline;

import dev.vigie.incident.Enums;

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

  /** Parses a source; null or blank gives OPERATOR. */
  public static TimelineSource parse(String field, String value) {
    return Enums.parseOr(TimelineSource.class, field, value, OPERATOR);
  }
}
