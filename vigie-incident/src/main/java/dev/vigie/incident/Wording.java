package dev.vigie.incident;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.incident.timeline.TimelineEvent;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

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
    if (a.kind() == AlertKind.SERVICE_DEGRADED) {
      return (fr() ? "Service dégradé" : "Service degraded") + sep() + subject(a);
    }
    return (fr() ? "Alerte " : "Alert ") + a.kind() + (fr() ? " sur " : " on ") + subject(a);
  }

  public String alertRaised(Alert a) {
    if (a.kind() == AlertKind.SERVICE_DEGRADED) return health(a);
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

  /**
   * The sentence of a SERVICE_DEGRADED alert, from its evidence and the {@code health} bundle:
   * "calls through trunk-carrier failing: 0 of 23 completed in 60 s, usually 96%" (the alert's own
   * summary when the signal is unknown).
   */
  public String health(Alert a) {
    Map<String, Object> ev = a.evidence();
    Object signal = ev.get("signal");
    ResourceBundle b = ResourceBundle.getBundle("dev.vigie.incident.health", language.locale());
    String m = a.machine();
    Object[] args =
        switch (String.valueOf(signal)) {
          case "CALLS_FAILING" ->
              new Object[] {
                m, ev.get("callsEffective"), ev.get("calls"), ev.get("usualNerPercent")
              };
          case "NO_RESPONSE" ->
              new Object[] {m, ev.get("requestsUnanswered"), ev.get("requestsJudged")};
          case "REGISTER_FAILING" ->
              new Object[] {m, ev.get("registerFailed"), sum(ev, "registerOk", "registerFailed")};
          case "REGISTRATIONS_LOST" ->
              new Object[] {m, ev.get("registrationsLost"), ev.get("registrationsActive")};
          case "SILENT" ->
              new Object[] {m, ev.get("silentSeconds"), ev.get("expectedMessagesPerMinute")};
          case "SLOW_SETUP" ->
              new Object[] {m, ev.get("setupMeanMillis"), ev.get("usualSetupMillis")};
          default -> null;
        };
    if (args == null) return a.summary();
    String key = "health." + signal;
    if (args.length > 3 && args[3] == null) key += ".cold"; // no learned NER yet
    for (Object o : args) if (o == null && !key.endsWith(".cold")) return a.summary();
    return new MessageFormat(b.getString(key), language.locale()).format(args);
  }

  /** "Service of trunk-carrier back: degraded for 40 s" for a resolved SERVICE_DEGRADED alert. */
  public String healthRecovered(Alert a) {
    ResourceBundle b = ResourceBundle.getBundle("dev.vigie.incident.health", language.locale());
    return new MessageFormat(b.getString("health.recovered"), language.locale())
        .format(new Object[] {a.machine(), a.evidence().get("degradedSeconds")});
  }

  private static long sum(Map<String, Object> ev, String a, String b) {
    return ev.get(a) instanceof Number x && ev.get(b) instanceof Number y
        ? x.longValue() + y.longValue()
        : 0;
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
