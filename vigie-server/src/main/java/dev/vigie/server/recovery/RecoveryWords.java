package dev.vigie.server.recovery;

import dev.vigie.server.i18n.Texts;
import dev.vigie.server.recovery.RecoveryRun.Check;
import dev.vigie.server.recovery.RecoveryRun.CheckState;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sentences of a recovery, from the console bundles ({@code recovery.*} keys, French first),
 * with times in the provider's zone as the seed writes them ("09h12"): the timeline rows Vigie
 * writes by itself and the console's check cells. Stateless and thread-safe.
 */
public final class RecoveryWords {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH'h'mm");
  private final Texts t;

  public RecoveryWords(Texts t) {
    this.t = t;
  }

  public Texts texts() {
    return t;
  }

  /** "09h12" in the provider's zone. */
  public String hour(Instant at) {
    return at == null ? "" : HOUR.format(at.atZone(t.zone()));
  }

  /** One check as words: "SIP répond", "41/43 postes enregistrés", "proxy ACME ne répond pas". */
  public String check(Check c, String clientName) {
    Map<String, Object> f = c.facts();
    boolean pass = c.state() == CheckState.PASS;
    if (c.state() == CheckState.NOT_CONFIGURED) {
      return t.t("recovery.nc." + c.kind().name(), clientName);
    }
    return switch (c.kind()) {
      case METRICS -> pass ? t.t("recovery.metrics.ok") : metricsHigh(f);
      case SIP -> pass ? t.t("recovery.sip.ok") : t.t("recovery.sip.fail", reason(f));
      case REGISTRATIONS -> t.t("recovery.regs", f.get("now"), f.get("usual"));
      case CLIENT_PROXY ->
          pass
              ? t.t("recovery.proxy.ok", clientName)
              : t.t("recovery.proxy.fail", clientName, reason(f));
    };
  }

  private String metricsHigh(Map<String, Object> f) {
    Object list = f.get("readings");
    List<String> high = new ArrayList<>();
    if (list instanceof List<?> readings) {
      for (Object o : readings) {
        if (o instanceof Map<?, ?> r
            && !"OK".equals(r.get("state"))
            && !"WARNING".equals(r.get("state"))) {
          high.add(
              t.t(
                  "recovery.metrics.one",
                  r.get("metric"),
                  t.amount(number(r.get("value"))),
                  t.amount(number(r.get("threshold")))));
        }
      }
    }
    if (high.isEmpty()) return t.t("recovery.metrics.unknown");
    return t.t("recovery.metrics.high", String.join(", ", high));
  }

  private String reason(Map<String, Object> f) {
    Object r = f.get("reason");
    String w = r == null ? t.t("recovery.reason.TIMEOUT") : t.t("recovery.reason." + r);
    Object code = f.get("code");
    return code == null ? w : w + " (" + code + ")";
  }

  /** The summary of a machine's checks, each configured one in order, joined by commas. */
  public String summary(List<Check> checks, java.util.function.Function<String, String> clients) {
    List<String> parts = new ArrayList<>();
    for (Check c : checks) {
      if (c.state() == CheckState.NOT_CONFIGURED) continue;
      parts.add(check(c, c.subject() == null ? null : clients.apply(c.subject())));
    }
    return parts.isEmpty() ? t.t("recovery.nothing") : String.join(", ", parts);
  }

  public String status(RecoveryRun.Status s) {
    return t.t("recovery.status." + s.name());
  }

  public String t(String key, Object... args) {
    return t.t(key, args);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
