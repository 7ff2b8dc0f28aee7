package dev.vigie.incident;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.timeline.TimelineEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;

/**
 * The sentences Vigie writes into timelines and incident titles, in the provider's language (French
 * by default, the language of its reports) or English. The words live in {@code
 * wording_fr.properties} and {@code wording_en.properties} beside this class: alert kinds and
 * severities are written as words ("énumération d'extensions", "critique"), never as enum names.
 * Stateless and thread-safe (the bundles are read once per language).
 */
public record Wording(Language language) {
  /** French, the seed's language. */
  public static final Wording FRENCH = new Wording(Language.FR);

  private static final Map<Language, Properties> WORDS = new EnumMap<>(Language.class);

  private String t(String key) {
    return words(language).getProperty(key, key);
  }

  private String t(String key, Object... args) {
    String s = t(key);
    for (int i = 0; i < args.length; i++) s = s.replace("{" + i + "}", String.valueOf(args[i]));
    return s;
  }

  private static synchronized Properties words(Language l) {
    return WORDS.computeIfAbsent(
        l,
        k -> {
          String name = "wording_" + k.code() + ".properties";
          try (InputStream in = Wording.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing bundle " + name);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The colon as each language writes it (French puts a space before it). */
  private String sep() {
    return t("sep");
  }

  /** Status name as a person reads it. */
  public String status(IncidentStatus s) {
    return t("status." + s.name());
  }

  /** An alert kind as a person reads it ("énumération d'extensions"). */
  public String kind(AlertKind k) {
    return t("kind." + k.name());
  }

  /** A severity as a person reads it ("critique"). */
  public String severity(Severity s) {
    return t("severity." + s.name());
  }

  /** A containment decision's reason name as words; the name itself when it has none. */
  public String action(String reason) {
    String w = t("action." + reason);
    return w.startsWith("action.") ? reason : w;
  }

  public String opened(String number) {
    return t("opened", number);
  }

  public String transition(IncidentStatus from, IncidentStatus to, String note) {
    return note == null
        ? t("transition", status(from), status(to))
        : t("transition.note", status(from), status(to), note);
  }

  /**
   * A declaration made from an incident ({@code component}, {@code supportDown}, {@code
   * supportUp}): the timeline row recording it.
   */
  public String declared(String kind, Object... args) {
    return t("declared." + kind, args);
  }

  public String edited(List<String> fields) {
    var names = fields.stream().map(f -> words(language).getProperty("field." + f, f)).toList();
    return t("edited", String.join(", ", names));
  }

  public String alertTitle(Alert a) {
    if (a.kind() == AlertKind.SERVICE_DEGRADED) return t("alert.title.health", subject(a));
    if (a.kind() == AlertKind.PLATFORM_PRESSURE) return pressureWord("pressure.title", subject(a));
    return t("alert.title", kind(a.kind()), subject(a));
  }

  public String alertRaised(Alert a) {
    if (a.kind() == AlertKind.SERVICE_DEGRADED) return health(a);
    if (a.kind() == AlertKind.PLATFORM_PRESSURE) return pressure(a);
    return t("alert.raised", kind(a.kind()), severity(a.severity()), subject(a), a.summary());
  }

  public String alertChanged(Alert a) {
    if (a.kind() == AlertKind.PLATFORM_PRESSURE) return pressure(a);
    return t("alert.changed", kind(a.kind()), subject(a), severity(a.severity()), a.summary());
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

  /**
   * The sentence of a PLATFORM_PRESSURE alert from its evidence and the {@code pressure} bundle:
   * "pbx-acme approche un seuil de blocage de la plateforme : débit d'écriture disque (octets/s) à
   * 85 % du seuil (85 000 000 sur 100 000 000 ; alerte dès 80 %)"; the alert's summary when the
   * evidence lacks a number.
   */
  public String pressure(Alert a) {
    Map<String, Object> ev = a.evidence();
    if (!(ev.get("value") instanceof Number value)
        || !(ev.get("threshold") instanceof Number threshold)
        || !(ev.get("percent") instanceof Number percent)) {
      return a.summary();
    }
    double warn = ev.get("warningFraction") instanceof Number w ? w.doubleValue() : 0;
    String key = a.severity() == Severity.CRITICAL ? "pressure.critical" : "pressure.raised";
    return pressureWord(
        key,
        a.machine(),
        metric(String.valueOf(ev.get("metric"))),
        percent.longValue(),
        number(value.doubleValue()),
        number(threshold.doubleValue()),
        Math.round(warn * 100));
  }

  /** "pbx-acme back under its platform blocking thresholds after 40 s" (a resolved episode). */
  public String pressureRecovered(Alert a) {
    return pressureWord("pressure.recovered", a.machine(), a.evidence().get("pressureSeconds"));
  }

  /**
   * The first row of an incident joining a machine's MACHINE_TRAFFIC and PLATFORM_PRESSURE alerts:
   * "the VoIP traffic of pbx-acme is driving the machine toward the platform's write-blocking
   * threshold", with the metric and its percentage when {@code pressure} (may be null) has them.
   */
  public String trafficPressure(String machine, Alert pressure) {
    if (pressure != null
        && pressure.evidence().get("percent") instanceof Number pct
        && pressure.evidence().get("metric") != null) {
      return pressureWord(
          "pressure.cause.metric",
          machine,
          metric(String.valueOf(pressure.evidence().get("metric"))),
          pct.longValue());
    }
    return pressureWord("pressure.cause", machine);
  }

  /** A platform metric's name in words ({@code metric.NAME} of the bundle), else the name. */
  public String metric(String name) {
    ResourceBundle b = ResourceBundle.getBundle("dev.vigie.incident.pressure", language.locale());
    return b.containsKey("metric." + name) ? b.getString("metric." + name) : name;
  }

  private String pressureWord(String key, Object... args) {
    ResourceBundle b = ResourceBundle.getBundle("dev.vigie.incident.pressure", language.locale());
    return new MessageFormat(b.getString(key), language.locale()).format(args);
  }

  /** A value as the language writes it, at most two decimals ("85 000 000", "12,5"). */
  private String number(double v) {
    var f = java.text.NumberFormat.getNumberInstance(language.locale());
    f.setMaximumFractionDigits(2);
    return f.format(v);
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
    return t(again ? "am.firingAgain" : "am.firing", what)
        + (summary == null ? "" : sep() + summary);
  }

  public String amResolved(String name, String instance) {
    return t("am.resolved", name + (instance == null ? "" : " (" + instance + ")"));
  }

  public String mitigationSuggested() {
    return t("mitigation.suggested");
  }

  /** The sentence for an event of another stage. */
  public String event(TimelineEvent e) {
    return switch (e) {
      case TimelineEvent.Containment c ->
          t("event.containment", c.target(), action(c.action()))
              + (c.reason() == null ? "" : sep() + c.reason());
      case TimelineEvent.Release r -> t("event.release", r.target());
      case TimelineEvent.ThresholdChange c ->
          t("event.threshold", c.setting(), c.oldValue(), c.newValue());
      case TimelineEvent.ProbeResult p ->
          t("event.probe", p.component(), p.status())
              + (p.detail() == null ? "" : " — " + p.detail());
      case TimelineEvent.ClientNotification n ->
          t("event.notification", n.recipients(), n.subject());
    };
  }
}
