package dev.vigie.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys {@code vigie serve} reads at the top level of its file and inside {@code server}, {@code
 * server.hep}, {@code server.cdr}, {@code database}, {@code company} and {@code prometheus}. Any
 * other key there is a mistake (a typo such as {@code server.htpp} would otherwise be ignored
 * silently and the default used): it is reported with the closest known key. The sections of other
 * stages ({@code containment}, {@code notifications}, {@code probes}, the catalogue...) are checked
 * by their own readers.
 *
 * <p>A new setting in one of these sections must be added here and in docs/configuration.md ({@code
 * ReliabilityConfigTest} checks that both agree).
 */
public final class KnownKeys {
  /** Section path ("" for the top level) to the keys allowed in it. */
  static final Map<String, Set<String>> SECTIONS =
      Map.of(
          "",
          Set.of(
              "server",
              "database",
              "company",
              "timezone",
              "machines",
              "protected",
              "providers",
              "sites",
              "services",
              "numbers",
              "clients",
              "probes",
              "containment",
              "notifications",
              "failover",
              "console",
              "incidents",
              "obligations",
              "paging",
              "logging",
              "prometheus",
              "recovery",
              "statusPage"),
          "server",
          Set.of(
              "http",
              "management",
              "metricsToken",
              "hepPort",
              "hep",
              "cdrPort",
              "cdr",
              "dataDir",
              "dryRun"),
          "server.hep",
          Set.of(
              "host",
              "authKey",
              "allowedCaptureIds",
              "receiveBufferBytes",
              "queueCapacity",
              "queueBytes",
              "maxInflatedBytesPerPacket",
              "maxInflatedBytesPerSecond",
              "allow",
              "tcp",
              "agents"),
          "server.hep.tcp",
          Set.of("maxConnections", "idleTimeout"),
          "server.cdr",
          Set.of(
              "host", "allow", "fields", "machine", "machines", "maxLineChars", "maxConnections"),
          "database",
          Set.of("url", "user", "password", "connectionTimeout"),
          "company",
          Set.of("name", "address"),
          "statusPage",
          Set.of("maxAge", "cacheFor"),
          "prometheus",
          Set.of(
              "url",
              "interval",
              "timeout",
              "warningFraction",
              "username",
              "passwordFile",
              "bearerTokenFile",
              "caFile"));

  /** {@link #SECTIONS} and the paging sections ({@link PagingKeys}). */
  private static final Map<String, Set<String>> ALL = with(PagingKeys.SECTIONS, SECTIONS);

  private KnownKeys() {}

  /** The checked sections and their keys (read by the test comparing them with the docs). */
  public static Map<String, Set<String>> sections() {
    return ALL;
  }

  private static Map<String, Set<String>> with(
      Map<String, Set<String>> more, Map<String, Set<String>> base) {
    Map<String, Set<String>> all = new java.util.HashMap<>(base);
    all.putAll(more);
    return Map.copyOf(all);
  }

  /** Adds one problem per unknown key of the checked sections, with a suggestion when close. */
  public static void check(JsonNode root, List<String> problems) {
    for (var e : ALL.entrySet()) {
      JsonNode section = at(root, e.getKey());
      if (section == null || !section.isObject()) continue;
      for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (e.getValue().contains(key)) continue;
        String path = e.getKey().isEmpty() ? key : e.getKey() + "." + key;
        String near = suggestion(key, e.getValue());
        problems.add(
            path
                + ": unknown key"
                + (near != null
                    ? " (did you mean "
                        + (e.getKey().isEmpty() ? "" : e.getKey() + ".")
                        + near
                        + "?)"
                    : "; known keys here: " + String.join(", ", sorted(e.getValue()))));
      }
    }
  }

  /** The known key nearest to {@code key} (edit distance at most 2, or case only), or null. */
  static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : sorted(known)) {
      int d =
          k.equalsIgnoreCase(key)
              ? 0
              : distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int allowed = key.length() <= 4 ? 1 : 2;
    return bestDistance <= allowed ? best : null;
  }

  /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters costs 1. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    if (path.isEmpty()) return n;
    for (String p : path.split("\\.")) {
      if (n == null) return null;
      n = n.get(p);
    }
    return n;
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    l.sort(null);
    return l;
  }
}
