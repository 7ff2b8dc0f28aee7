package dev.vigie.server.obligation;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.obligation.ObligationSettings;
import dev.vigie.incident.obligation.Thresholds;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.server.config.ServeConfig;
import java.time.Duration;

/**
 * The {@code obligations:} section of the configuration (docs/configuration.md), validated at load:
 * every problem names the key and the bad value, all at once.
 *
 * @param settings the domain settings (thresholds of Implementing Regulation (EU) 2024/2690 Art.
 *     10, client-notice target, reminder lead time, zone)
 * @param nocEmail where reminders are emailed, null for none (console banner and timeline only)
 * @param tickInterval how often reminders are checked
 * @param consoleUrl base URL of links in reminder emails
 */
public record ObligationConfig(
    ObligationSettings settings, String nocEmail, Duration tickInterval, String consoleUrl) {
  private static final String KEY = "obligations";

  /** Reads the section (defaults when absent). */
  public static ObligationConfig from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node n = root.get(KEY);
    Node t = n.get("thresholds");
    var d = Thresholds.REGULATION;
    var unavailable = positive(t, "unavailableOver", d.unavailableOver());
    var limited = positive(t, "limitedOver", d.limitedOver());
    double percent = d.limitedUsersPercent();
    String p = t.string("limitedUsersPercent", null);
    if (p != null) {
      try {
        percent = Double.parseDouble(p.strip().replace(',', '.'));
        if (!(percent >= 0 && percent <= 100)) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        t.problem("limitedUsersPercent", "'" + p + "' is not a percentage within 0..100");
        percent = d.limitedUsersPercent();
      }
    }
    int cap = t.integer("limitedUsersCap", (int) d.limitedUsersCap(), 0, Integer.MAX_VALUE);
    int total = n.integer("totalUsers", 0, 0, Integer.MAX_VALUE);
    var target = positive(n, "clientNoticeTarget", Duration.ofMinutes(15));
    var before = positive(n, "reminderBefore", Duration.ofHours(4));
    var tick = positive(n, "tickInterval", Duration.ofMinutes(1));
    String noc = n.string("nocEmail", null);
    if (noc != null) {
      try {
        noc = new Recipient("noc", "NOC", noc.strip(), Language.FR).email();
      } catch (IllegalArgumentException e) {
        n.problem("nocEmail", "'" + noc + "' is not one email address");
        noc = null;
      }
    }
    String host = "0.0.0.0".equals(cfg.httpHost()) ? "127.0.0.1" : cfg.httpHost();
    if (host.contains(":")) host = "[" + host + "]";
    String url = n.string("consoleUrl", "http://" + host + ":" + cfg.httpPort());
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    var problems = root.problems();
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
    var settings =
        new ObligationSettings(
            new Thresholds(unavailable, limited, percent, cap),
            total,
            target,
            before,
            cfg.zone(),
            cfg.companyName());
    return new ObligationConfig(settings, noc, tick, url);
  }

  private static Duration positive(Node n, String key, Duration dflt) {
    var v = n.duration(key, dflt);
    if (v.isZero() || v.isNegative()) {
      n.problem(key, "'" + v + "' must be positive");
      return dflt;
    }
    return v;
  }
}
