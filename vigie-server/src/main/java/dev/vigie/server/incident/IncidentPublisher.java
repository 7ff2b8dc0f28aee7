package dev.vigie.server.incident;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Publishing an incident to clients, shared by the API ({@link PublicationApi}) and the console:
 * the publication row (public title and impact) and a timeline entry saying who published it.
 * Thread-safe.
 */
public final class IncidentPublisher {
  static final int MAX_TITLE = 500;
  static final int MAX_IMPACT = 2000;

  /** Whether and how an incident is published; null texts mean none given. */
  public record State(
      boolean published,
      boolean openedByVigie,
      Instant publishedAt,
      String publishedBy,
      String title,
      String clientImpact) {}

  private final IncidentService incidents;
  private final Publications publications;
  private final PublicationPolicy policy;
  private final InstantSource clock;

  IncidentPublisher(
      IncidentService incidents,
      Publications publications,
      PublicationPolicy policy,
      InstantSource clock) {
    this.incidents = incidents;
    this.publications = publications;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Publishes (blank texts count as not given).
   *
   * @throws IllegalArgumentException naming the field when a text is too long or the title spans
   *     lines
   */
  public State publish(Incident i, String title, String impact, String who) {
    String t = checked(title, "title", MAX_TITLE, true);
    String c = checked(impact, "clientImpact", MAX_IMPACT, false);
    var now = clock.instant();
    publications.publish(i.id(), t, c, now, who);
    incidents.addEntry(
        i.id(),
        now,
        "Incident rendu public" + (t == null ? "" : " (titre public : " + t + ")"),
        TimelineSource.OPERATOR,
        who);
    return state(i);
  }

  /** Whether and how the incident is published. */
  public State state(Incident i) {
    var p = publications.find(i.id()).orElse(null);
    return new State(
        policy.published(i, p),
        PublicationPolicy.openedByVigie(i),
        p == null ? null : p.at(),
        p == null ? null : p.by(),
        PublicationPolicy.publicTitle(i, p),
        PublicationPolicy.publicImpact(i, p));
  }

  private static String checked(String v, String field, int max, boolean oneLine) {
    if (v == null || v.isBlank()) return null;
    String s = v.strip();
    if (s.length() > max) {
      throw new IllegalArgumentException(field + ": at most " + max + " characters");
    }
    if (oneLine && s.chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
      throw new IllegalArgumentException(field + ": one line expected");
    }
    return s;
  }
}
