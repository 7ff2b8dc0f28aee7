package dev.vigie.server.pressure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.detect.pressure.PressureMetric;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where Vigie reads platform metrics and what it reads for each machine (issue 12): the {@code
 * prometheus} section ({@code url}, {@code interval}, {@code timeout}, {@code warningFraction}) and
 * the {@code pressure} maps of hosting providers ({@code providers[].pressure}, for every machine
 * whose {@code hosting} is that provider) and of machines ({@code machines[].pressure}, adding
 * metrics or overriding the provider's by name, key by key). A metric is {@code {query, threshold,
 * warningFraction}}; {@code {machine}} in a query stands for the machine's id. How Vigie signs in
 * to Prometheus ({@code username} + {@code passwordFile}, {@code bearerTokenFile}, {@code caFile}):
 * {@link PrometheusAuth}.
 *
 * @param url the Prometheus server, null when not configured (then no metric may be)
 * @param auth credentials and trusted CA ({@link PrometheusAuth#NONE} when none is configured)
 * @param metrics machine id to its metrics, in file order; empty when nothing is watched
 */
public record PressureSettings(
    URI url,
    Duration interval,
    Duration timeout,
    double warningFraction,
    PrometheusAuth auth,
    Map<String, List<PressureMetric>> metrics) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final double DEFAULT_WARNING_FRACTION = 0.8;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Set<String> METRIC_KEYS = Set.of("query", "threshold", "warningFraction");

  public PressureSettings {
    metrics = Map.copyOf(metrics);
  }

  /** Whether the poller has anything to do. */
  public boolean enabled() {
    return url != null && !metrics.isEmpty();
  }

  /**
   * Reads and checks the settings from the configuration root.
   *
   * @throws ConfigException listing every problem, each naming the key and the bad value
   */
  public static PressureSettings read(JsonNode root) {
    Node top = Node.root(root);
    Node p = top.get("prometheus");
    List<String> problems = top.problems();
    URI url = url(p, problems);
    PrometheusAuth auth = auth(p, url, problems);
    Duration interval = p.duration("interval", DEFAULT_INTERVAL);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0)
      p.problem("interval", "'" + p.string("interval", "") + "' is not between 1s and 1h");
    // unset, the timeout is 5 s or the interval when shorter
    Duration timeout =
        p.duration("timeout", interval.compareTo(DEFAULT_TIMEOUT) < 0 ? interval : DEFAULT_TIMEOUT);
    if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(interval) > 0)
      p.problem(
          "timeout",
          "'" + p.string("timeout", "") + "' is not between 100ms and prometheus.interval");
    double fraction =
        fraction(
            p.raw() == null ? null : p.raw().get("warningFraction"),
            "prometheus.warningFraction",
            DEFAULT_WARNING_FRACTION,
            problems);

    Map<String, Map<String, Map<String, JsonNode>>> byProvider = new LinkedHashMap<>();
    for (JsonNode prov : list(root, "providers")) {
      String id = prov.path("id").asText(null);
      if (id == null || !prov.has("pressure")) continue;
      byProvider.put(id, specs(prov.get("pressure"), "providers[" + id + "].pressure", problems));
    }
    Map<String, List<PressureMetric>> metrics = new LinkedHashMap<>();
    List<String> watched = new ArrayList<>();
    for (JsonNode m : list(root, "machines")) {
      String id = m.path("id").asText(null);
      if (id == null) continue;
      String path = "machines[" + id + "].pressure";
      Map<String, Map<String, JsonNode>> merged = new LinkedHashMap<>();
      String hosting = m.path("hosting").asText(null);
      if (hosting != null && byProvider.containsKey(hosting)) {
        byProvider.get(hosting).forEach((k, v) -> merged.put(k, new LinkedHashMap<>(v)));
      }
      if (m.has("pressure")) {
        specs(m.get("pressure"), path, problems)
            .forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
      }
      List<PressureMetric> list = new ArrayList<>();
      for (var e : merged.entrySet()) {
        PressureMetric pm = metric(e.getKey(), e.getValue(), path, fraction, problems);
        if (pm != null) list.add(pm);
      }
      if (!list.isEmpty()) {
        metrics.put(id, List.copyOf(list));
        watched.add(path);
      }
    }
    if (url == null && !metrics.isEmpty() && problems.isEmpty()) {
      problems.add(
          "prometheus.url: required, since platform metrics are configured ("
              + String.join(", ", watched.subList(0, Math.min(3, watched.size())))
              + (watched.size() > 3 ? ", …" : "")
              + ")");
    }
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
    return new PressureSettings(url, interval, timeout, fraction, auth, metrics);
  }

  /**
   * Only the connection part of the {@code prometheus} section (URL and credentials), for {@code
   * vigie doctor}'s check of the server itself.
   *
   * @return null when {@code prometheus.url} is not set
   * @throws ConfigException naming each wrong key of the URL or the credentials
   */
  public static Connection connection(JsonNode root) {
    Node top = Node.root(root);
    Node p = top.get("prometheus");
    List<String> problems = top.problems();
    URI url = url(p, problems);
    PrometheusAuth auth = auth(p, url, problems);
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
    return url == null ? null : new Connection(url, auth);
  }

  /** Where Prometheus is and how to sign in to it. */
  public record Connection(URI url, PrometheusAuth auth) {}

  private static PrometheusAuth auth(Node p, URI url, List<String> problems) {
    return PrometheusAuth.read(
        p.string("username", null),
        p.string("passwordFile", null),
        p.string("bearerTokenFile", null),
        p.string("caFile", null),
        url,
        p.has("url"),
        problems);
  }

  private static URI url(Node p, List<String> problems) {
    String s = p.string("url", null);
    if (s == null || s.isBlank()) return null;
    try {
      URI u = new URI(s.strip());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null)
        throw new IllegalArgumentException();
      if (u.getRawQuery() != null || u.getRawFragment() != null)
        throw new IllegalArgumentException();
      return u;
    } catch (Exception e) {
      problems.add(
          "prometheus.url: '" + s + "' is not an http(s) URL such as http://127.0.0.1:9090");
      return null;
    }
  }

  /** A {@code pressure} map's entries: metric name to its keys, each name and key checked. */
  private static Map<String, Map<String, JsonNode>> specs(
      JsonNode pressure, String path, List<String> problems) {
    Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
    if (pressure == null || pressure.isNull()) return out;
    if (!pressure.isObject()) {
      problems.add(
          path + ": expected a mapping of metric names to {query, threshold, warningFraction}");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = pressure.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      if (!NAME.matcher(name).matches()) {
        problems.add(path + ": '" + name + "' is not a metric name (letters, digits, _)");
        continue;
      }
      if (!e.getValue().isObject()) {
        problems.add(path + "." + name + ": expected {query, threshold, warningFraction}");
        continue;
      }
      Map<String, JsonNode> keys = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
        var k = f.next();
        if (!METRIC_KEYS.contains(k.getKey())) {
          problems.add(
              path
                  + "."
                  + name
                  + "."
                  + k.getKey()
                  + ": unknown key (known: query, threshold, warningFraction)");
        } else if (!k.getValue().isNull()) {
          keys.put(k.getKey(), k.getValue());
        }
      }
      out.put(name, keys);
    }
    return out;
  }

  private static PressureMetric metric(
      String name, Map<String, JsonNode> keys, String path, double dflt, List<String> problems) {
    String at = path + "." + name;
    int before = problems.size();
    JsonNode q = keys.get("query");
    String query = q == null ? null : q.asText();
    if (q == null || !q.isTextual() || query.isBlank()) {
      problems.add(at + ".query: required (a PromQL expression; {machine} is the machine's id)");
    }
    double threshold = Double.NaN;
    JsonNode t = keys.get("threshold");
    if (t == null) {
      problems.add(at + ".threshold: required (the platform's blocking threshold, above 0)");
    } else {
      threshold = number(t);
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        problems.add(at + ".threshold: '" + t.asText() + "' is not a number above 0");
      }
    }
    double fraction =
        fraction(keys.get("warningFraction"), at + ".warningFraction", dflt, problems);
    if (problems.size() > before) return null;
    return new PressureMetric(name, query, threshold, fraction);
  }

  private static double fraction(JsonNode v, String key, double dflt, List<String> problems) {
    if (v == null || v.isNull()) return dflt;
    double f = number(v);
    if (!(f > 0 && f < 1)) {
      problems.add(key + ": '" + v.asText() + "' is not a number between 0 and 1 (e.g. 0.8)");
      return dflt;
    }
    return f;
  }

  /** A YAML number, or a string holding one ("1e8"); NaN otherwise. */
  private static double number(JsonNode v) {
    if (v.isNumber()) return v.asDouble();
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().strip().replace("_", ""));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static List<JsonNode> list(JsonNode root, String key) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode n = root == null ? null : root.get(key);
    if (n != null && n.isArray())
      n.forEach(e -> {
        if (e.isObject()) out.add(e);
      });
    return out;
  }
}
