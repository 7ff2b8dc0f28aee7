package dev.vigie.incident;

import dev.vigie.detect.Alert;
import dev.vigie.incident.timeline.TimelineEvent;
import java.util.List;

/**
 * The sentences Vigie writes into timelines, in the provider's language (French by default, the
 * language of its reports) or English. Stateless and thread-safe.
 */
public record Wording(Language language) {
  /** French, the seed's language. */
  public static final Wording FRENCH = new Wording(Language.FR);

  private boolean fr() {
    return language == Language.FR;
  }

  /** The colon as each language writes it (French puts a space before it). */
  private String sep() {
    return fr() ? " : " : ": ";
  }

  /** Status name as a person reads it. */
  public String status(IncidentStatus s) {
    return switch (s) {
      case TRIAGE -> fr() ? "tri" : "triage";
      case INVESTIGATING -> fr() ? "investigation" : "investigating";
      case MITIGATED -> fr() ? "endigué" : "mitigated";
      case RESOLVED -> fr() ? "résolu" : "resolved";
      case CLOSED -> fr() ? "clos" : "closed";
      case CANCELLED -> fr() ? "annulé" : "cancelled";
    };
  }

  public String opened(String number) {
    return fr() ? "Incident " + number + " ouvert" : "Incident " + number + " opened";
  }

  public String transition(IncidentStatus from, IncidentStatus to, String note) {
    var base = (fr() ? "Statut : " : "Status: ") + status(from) + " → " + status(to);
    return note == null ? base : base + " — " + note;
  }

  public String edited(List<String> fields) {
    return (fr() ? "Incident modifié : " : "Incident edited: ") + String.join(", ", fields);
  }

  public String alertTitle(Alert a) {
    return (fr() ? "Alerte " : "Alert ") + a.kind() + (fr() ? " sur " : " on ") + subject(a);
  }

  public String alertRaised(Alert a) {
    return (fr() ? "Alerte " : "Alert ")
        + a.severity()
        + " "
        + a.kind()
        + (fr() ? " sur " : " on ")
        + subject(a)
        + sep()
        + a.summary();
  }

  public String alertChanged(Alert a) {
    return (fr() ? "Alerte " : "Alert ")
        + a.kind()
        + (fr() ? " sur " : " on ")
        + subject(a)
        + (fr() ? " passée en " : " now ")
        + a.severity()
        + sep()
        + a.summary();
  }

  private static String subject(Alert a) {
    if (a.machine() != null && a.source() != null) {
      return a.machine() + " (" + a.source() + ")";
    }
    return a.machine() != null ? a.machine() : a.source();
  }

  public String amFiring(String name, String instance, String summary, boolean again) {
    var what = name + (instance == null ? "" : " (" + instance + ")");
    var verb =
        again
            ? (fr() ? " de nouveau active" : " firing again")
            : (fr() ? " déclenchée" : " firing");
    return (fr() ? "Alerte " : "Alert ") + what + verb + (summary == null ? "" : sep() + summary);
  }

  public String amResolved(String name, String instance) {
    return (fr() ? "Alerte " : "Alert ")
        + name
        + (instance == null ? "" : " (" + instance + ")")
        + (fr() ? " résolue" : " resolved");
  }

  public String mitigationSuggested() {
    return fr()
        ? "Toutes les alertes du groupe sont résolues : passage à « endigué » suggéré"
        : "All alerts of the group are resolved: moving to mitigated is suggested";
  }

  /** The sentence for an event of another stage. */
  public String event(TimelineEvent e) {
    return switch (e) {
      case TimelineEvent.Containment c ->
          (fr() ? "Isolement de " : "Containment of ")
              + c.target()
              + " ("
              + c.action()
              + ")"
              + (c.reason() == null ? "" : sep() + c.reason());
      case TimelineEvent.Release r ->
          (fr() ? "Levée de l'isolement de " : "Containment lifted for ") + r.target();
      case TimelineEvent.ThresholdChange t ->
          (fr() ? "Seuil " : "Threshold ")
              + t.setting()
              + (fr() ? " modifié : " : " changed: ")
              + t.oldValue()
              + " → "
              + t.newValue();
      case TimelineEvent.ProbeResult p ->
          (fr() ? "Sonde " : "Probe ")
              + p.component()
              + sep()
              + p.status()
              + (p.detail() == null ? "" : " — " + p.detail());
      case TimelineEvent.ClientNotification n ->
          (fr() ? "Communication à " : "Notification sent to ")
              + n.recipients()
              + (fr() ? " client(s) : " : " client(s): ")
              + n.subject();
    };
  }
}
