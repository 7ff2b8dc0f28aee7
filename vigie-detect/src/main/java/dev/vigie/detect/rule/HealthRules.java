package dev.vigie.detect.rule;

import static dev.vigie.detect.threshold.Threshold.SERVICE_NER_DROP_PERCENT;
import static dev.vigie.detect.threshold.Threshold.SERVICE_REGISTER_FAILURES;
import static dev.vigie.detect.threshold.Threshold.SERVICE_REGISTRATIONS_LOST;
import static dev.vigie.detect.threshold.Threshold.SERVICE_SETUP_DELAY_FACTOR;
import static dev.vigie.detect.threshold.Threshold.SERVICE_SILENCE_EXPECTED;
import static dev.vigie.detect.threshold.Threshold.SERVICE_UNANSWERED_REQUESTS;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.threshold.Thresholds;
import java.util.Optional;

/**
 * SERVICE_DEGRADED: one machine's service failing, judged passively from the SIP that reaches it
 * and that it sends. A pure function of a {@link HealthSnapshot}; the signals, in the order they
 * are reported when several fire (the strongest grade wins, the first on a tie):
 *
 * <ol>
 *   <li>{@code NO_RESPONSE}: requests left without any response (a machine that stopped answering),
 *       most of those judged;
 *   <li>{@code CALLS_FAILING}: the NER of its calls (answered, busy, no answer, user rejected and
 *       cancelled count as the network working; 5xx, 408 and no response do not; other 4xx are left
 *       out) fallen below its hour-of-week baseline, at least {@value #MIN_FAILED_CALLS} failed;
 *   <li>{@code REGISTER_FAILING}: REGISTERs answered 5xx/408 or not at all, most of them;
 *   <li>{@code REGISTRATIONS_LOST}: registrations expired without a refresh, at least 30%;
 *   <li>{@code SILENT}: nothing sent for 60 s while its baseline expected traffic and other
 *       machines kept theirs (a night is learned, so it is not an outage);
 *   <li>{@code SLOW_SETUP}: INVITE-to-first-response delay far above its baseline.
 * </ol>
 *
 * A busy, rejected or unanswered call is the network working; a single failed call never reaches
 * the levels; a restart storm's challenges and 200s are answers.
 */
public final class HealthRules {
  /** Fewer failed calls than this in 60 s never makes an NER alert. */
  public static final int MIN_FAILED_CALLS = 5;

  /** Fewer timed INVITEs than this never makes a setup-delay alert. */
  public static final int MIN_SETUP_SAMPLES = 5;

  private HealthRules() {}

  public static Optional<Finding> serviceDegraded(HealthSnapshot h, Thresholds t) {
    String id = h.machine();
    int best = 0;
    String signal = null;
    double magnitude = 0;
    String summary = null;
    Evidence ev = new Evidence().put("client", h.client()).put("role", h.role());

    int g =
        h.recentUnanswered() > 0 && h.recentUnanswered() * 2 >= h.recentJudged()
            ? t.level(id, SERVICE_UNANSWERED_REQUESTS).grade(h.unanswered())
            : 0;
    if (g > best) {
      best = g;
      signal = "NO_RESPONSE";
      magnitude = h.unanswered();
      summary =
          id
              + " not answering: "
              + h.unanswered()
              + " of "
              + h.judged()
              + " requests without any response in 60 s";
    }

    long calls = h.calls();
    long failed = h.callsFailed();
    long nerPct = calls == 0 ? 100 : Math.round(100.0 * h.callsEffective() / calls);
    long usualPct =
        h.nerBaseline().warmedUp() ? Math.round(100 * Math.min(1, h.nerBaseline().mean())) : 100;
    g =
        failed >= MIN_FAILED_CALLS
            ? t.level(id, SERVICE_NER_DROP_PERCENT).grade(usualPct - nerPct)
            : 0;
    if (g > best) {
      best = g;
      signal = "CALLS_FAILING";
      magnitude = failed;
      summary =
          "calls through "
              + id
              + " failing: "
              + h.callsEffective()
              + " of "
              + calls
              + " completed in 60 s (NER "
              + nerPct
              + "%), usually "
              + usualPct
              + "%";
    }

    long reg = h.registerOk() + h.registerFailed();
    g =
        h.registerFailed() * 2 >= reg
            ? t.level(id, SERVICE_REGISTER_FAILURES).grade(h.registerFailed())
            : 0;
    if (g > best) {
      best = g;
      signal = "REGISTER_FAILING";
      magnitude = h.registerFailed();
      summary =
          "registrations on "
              + id
              + " failing: "
              + h.registerFailed()
              + " of "
              + reg
              + " REGISTERs refused by a server error or unanswered in 60 s";
    }

    long lost = h.registrationsLost();
    g =
        lost * 10 >= 3 * (lost + h.registrationsActive())
            ? t.level(id, SERVICE_REGISTRATIONS_LOST).grade(lost)
            : 0;
    if (g > best) {
      best = g;
      signal = "REGISTRATIONS_LOST";
      magnitude = lost;
      summary =
          "phones of "
              + id
              + (h.client() == null ? "" : " (client " + h.client() + ")")
              + " losing registration: "
              + lost
              + " expired without refresh in 60 s, "
              + h.registrationsActive()
              + " still registered";
    }

    long expected = h.messagesBaseline().warmedUp() ? Math.round(h.messagesBaseline().mean()) : 0;
    g =
        h.silentSeconds() >= 60 && h.peersActive() > 0
            ? t.level(id, SERVICE_SILENCE_EXPECTED).grade(expected)
            : 0;
    if (g > best) {
      best = g;
      signal = "SILENT";
      magnitude = expected;
      summary =
          id
              + " silent for "
              + h.silentSeconds()
              + " s while its peers keep their traffic (usually "
              + expected
              + " messages a minute at this hour)";
    }

    double usualDelay = h.setupBaseline().mean();
    double factor =
        h.setupBaseline().warmedUp()
                && h.setupSamples() >= MIN_SETUP_SAMPLES
                && h.setupMeanMillis() >= 1000
            ? h.setupMeanMillis() / Math.max(usualDelay, 50)
            : 0;
    g = t.level(id, SERVICE_SETUP_DELAY_FACTOR).grade(factor);
    if (g > best) {
      best = g;
      signal = "SLOW_SETUP";
      magnitude = factor;
      summary =
          "call setup through "
              + id
              + " slow: "
              + h.setupMeanMillis()
              + " ms to the first response over 60 s, usually "
              + Math.round(usualDelay)
              + " ms";
    }

    if (best == 0) return Optional.empty();
    ev.put("signal", signal);
    switch (signal) {
      case "NO_RESPONSE" ->
          ev.put("requestsJudged", h.judged())
              .put("requestsUnanswered", h.unanswered())
              .put("retransmissions", h.retransmissions());
      case "REGISTER_FAILING" ->
          ev.put("registerOk", h.registerOk()).put("registerFailed", h.registerFailed());
      case "REGISTRATIONS_LOST" ->
          ev.put("registrationsLost", lost).put("registrationsActive", h.registrationsActive());
      case "SILENT" ->
          ev.put("silentSeconds", h.silentSeconds()).put("expectedMessagesPerMinute", expected);
      case "SLOW_SETUP" ->
          ev.put("setupMeanMillis", h.setupMeanMillis())
              .put("usualSetupMillis", Math.round(usualDelay));
      default -> {}
    }
    if (calls > 0) { // the calls' NER, whatever the signal: what the incident's first row says
      ev.put("calls", calls)
          .put("callsEffective", h.callsEffective())
          .put("calls5xx", h.calls5xx())
          .put("calls408", h.calls408())
          .put("callsUnanswered", h.callsUnanswered())
          .put("nerPercent", nerPct)
          .put("usualNerPercent", h.nerBaseline().warmedUp() ? usualPct : null);
    }
    ev.put("firstPacket", h.firstPacket()).put("lastPacket", h.lastPacket());
    Severity sev = best >= 2 ? Severity.CRITICAL : Severity.WARNING;
    return Optional.of(
        new Finding(AlertKind.SERVICE_DEGRADED, sev, magnitude, summary, ev.build()));
  }
}
