package dev.vigie.server.incident;

import dev.vigie.detect.AlertKind;
import dev.vigie.incident.Incident;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.incident.Publications.Publication;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which incidents clients may hear about. An incident an operator opened (no correlation key) is
 * public from the start. One that Vigie opened by itself (detection {@code source:}, {@code
 * machine:}, {@code group:}; probes {@code component:}; Alertmanager {@code am:}) is internal until
 * an operator publishes it, unless {@code incidents.publishAutomatically} names its kind (an alert
 * kind such as {@code SERVICE_DEGRADED}, or {@code PROBE}, or {@code ALERTMANAGER}); the default
 * names none. Public texts: the publication's title and impact when an operator gave them, the
 * incident's own for an incident an operator opened, else none (the pages and messages then use a
 * generic wording: an automatic title names attackers' addresses and machines).
 */
public final class PublicationPolicy {
  /** The kind of incidents the probes open ({@code component:} keys). */
  public static final String PROBE = "PROBE";

  /** The kind of incidents Alertmanager notifications open ({@code am:} keys). */
  public static final String ALERTMANAGER = "ALERTMANAGER";

  private final Set<String> automatic;

  public PublicationPolicy(Set<String> automatic) {
    this.automatic = Set.copyOf(automatic);
  }

  /** Nothing automatic: every incident Vigie opens waits for an operator. */
  public static final PublicationPolicy NEVER = new PublicationPolicy(Set.of());

  /**
   * Reads {@code incidents.publishAutomatically} (a list of kinds).
   *
   * @throws ConfigException naming the key and an unknown kind
   */
  public static PublicationPolicy from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node incidents = root.get("incidents");
    Set<String> known = new TreeSet<>();
    for (AlertKind k : AlertKind.values()) known.add(k.name());
    known.add(PROBE);
    known.add(ALERTMANAGER);
    Set<String> kinds = new TreeSet<>();
    for (String s : incidents.strings("publishAutomatically")) {
      String k = s.strip().toUpperCase(Locale.ROOT);
      if (known.contains(k)) kinds.add(k);
      else incidents.problem("publishAutomatically", "'" + s + "' is not one of " + known);
    }
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    return new PublicationPolicy(kinds);
  }

  /** Whether incidents of an alert kind are published as soon as they open. */
  public boolean automatic(AlertKind kind) {
    return automatic.contains(kind.name());
  }

  /** The kinds published as soon as they open. */
  public Set<String> automaticKinds() {
    return automatic;
  }

  /** Whether Vigie opened the incident by itself (detection, probes, Alertmanager). */
  public static boolean openedByVigie(Incident i) {
    String k = i.correlationKey();
    if (k == null) return false;
    for (String p : new String[] {"source:", "machine:", "group:", "component:", "am:"}) {
      if (k.startsWith(p)) return true;
    }
    return false;
  }

  /** Whether clients may hear about the incident, given its publication row (or null). */
  public boolean published(Incident i, Publication p) {
    if (p != null || !openedByVigie(i)) return true;
    String k = i.correlationKey();
    return k.startsWith("component:") && automatic.contains(PROBE)
        || k.startsWith("am:") && automatic.contains(ALERTMANAGER);
  }

  /** The title clients read, or null for the generic wording. */
  public static String publicTitle(Incident i, Publication p) {
    if (p != null && p.publicTitle() != null) return p.publicTitle();
    return openedByVigie(i) ? null : i.title();
  }

  /** The client impact clients read, or null when none may be shown. */
  public static String publicImpact(Incident i, Publication p) {
    if (p != null && p.publicImpact() != null) return p.publicImpact();
    return openedByVigie(i) ? null : i.clientImpact();
  }

  @Override
  public String toString() {
    return automatic.isEmpty() ? "never automatic" : "automatic for " + automatic;
  }
}
