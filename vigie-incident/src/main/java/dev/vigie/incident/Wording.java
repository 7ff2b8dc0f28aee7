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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

  public String edited(List<String> fields) {
    return t("edited", String.join(", ", fields));
  }

  public String alertTitle(Alert a) {
    return t("alert.title", kind(a.kind()), subject(a));
  }

  public String alertRaised(Alert a) {
    return t("alert.raised", kind(a.kind()), severity(a.severity()), subject(a), a.summary());
  }

  public String alertChanged(Alert a) {
    return t("alert.changed", kind(a.kind()), subject(a), severity(a.severity()), a.summary());
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
