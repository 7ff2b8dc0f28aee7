package dev.vigie.server.notify;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.RetryPolicy;
import dev.vigie.incident.notify.SmtpSettings;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.server.config.ServeConfig;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code notifications:} section of the configuration, validated at load: every problem names
 * the key and the bad value (all problems at once). Documented in docs/configuration.md.
 *
 * @param smtp the relay, {@code null} when {@code notifications.smtp} is absent: notices are then
 *     queued in the outbox but not sent (a log line at start and the {@code
 *     vigie_notifications_pending} gauge say so)
 * @param statusPage public status page URL, default {@code http://<server.http>/status}
 * @param clientLinks whether each client's own status page link ({@code <statusPage>/c/<token>}) is
 *     used in its messages
 * @param companyName the provider's name in signatures, default {@code company.name}
 * @param backupNumber overrides the catalogue's backup number, {@code null} to take the catalogue's
 * @param defaultLanguage language of contacts whose {@code language} is not set
 * @param zone time zone of times in messages, default {@code timezone}
 * @param tickInterval how often the outbox worker runs
 * @param batchSize notifications sent per tick at most
 * @param retry the backoff of failed sends
 */
public record NotificationSettings(
    SmtpSettings smtp,
    URI statusPage,
    boolean clientLinks,
    String companyName,
    String backupNumber,
    Language defaultLanguage,
    ZoneId zone,
    Duration tickInterval,
    int batchSize,
    RetryPolicy retry) {

  private static final String KEY = "notifications";

  /** Reads the section from the server configuration (defaults when it is absent). */
  public static NotificationSettings from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node n = root.get(KEY);
    List<String> problems = root.problems();
    SmtpSettings smtp = n.has("smtp") ? smtp(n.get("smtp")) : null;
    String host = "0.0.0.0".equals(cfg.httpHost()) ? "127.0.0.1" : cfg.httpHost();
    if (host.contains(":")) host = "[" + host + "]";
    String dflt = "http://" + host + ":" + cfg.httpPort() + "/status";
    String page = n.string("statusPageUrl", dflt);
    URI statusPage = URI.create(dflt);
    try {
      URI u = URI.create(page.strip());
      if (!u.isAbsolute() || u.getHost() == null || !u.getScheme().startsWith("http")) {
        throw new IllegalArgumentException();
      }
      statusPage = u;
    } catch (IllegalArgumentException e) {
      n.problem("statusPageUrl", "'" + page + "' is not an absolute http(s) URL");
    }
    Language lang = Language.FR;
    String l = n.string("defaultLanguage", "fr");
    try {
      lang = Language.parse(l);
    } catch (IllegalArgumentException e) {
      n.problem("defaultLanguage", "'" + l + "' is not fr or en");
    }
    Node r = n.get("retry");
    RetryPolicy retry = RetryPolicy.DEFAULT;
    try {
      retry =
          new RetryPolicy(
              r.duration("initialDelay", RetryPolicy.DEFAULT.initialDelay()),
              r.duration("maxDelay", RetryPolicy.DEFAULT.maxDelay()),
              r.integer("maxAttempts", RetryPolicy.DEFAULT.maxAttempts(), 1, 1000),
              jitter(r));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Duration tick = n.duration("tickInterval", Duration.ofSeconds(5));
    if (tick.isZero() || tick.isNegative()) {
      n.problem("tickInterval", "'" + tick + "' must be positive");
      tick = Duration.ofSeconds(5);
    }
    NotificationSettings s =
        new NotificationSettings(
            smtp,
            statusPage,
            n.bool("clientStatusLinks", true),
            n.string("companyName", cfg.companyName()),
            n.string("backupNumber", null),
            lang,
            n.zone("timezone", cfg.zone()),
            tick,
            n.integer("batchSize", 50, 1, 10_000),
            retry);
    if (!problems.isEmpty()) throw new ConfigException("configuration", problems);
    return s;
  }

  /** The public link of a client's own page. */
  public URI clientPage(String token) {
    String base = statusPage.toString();
    return URI.create(base + (base.endsWith("/") ? "" : "/") + "c/" + token);
  }

  private static double jitter(Node r) {
    String j = r.string("jitter", null);
    if (j == null) return RetryPolicy.DEFAULT.jitter();
    try {
      return Double.parseDouble(j.strip());
    } catch (NumberFormatException e) {
      r.problem("jitter", "'" + j + "' is not a number in [0, 1)");
      return RetryPolicy.DEFAULT.jitter();
    }
  }

  private static SmtpSettings smtp(Node s) {
    String from = s.string("from", null);
    if (from == null) {
      s.problem("from", "required (the sender address) when notifications.smtp is set");
      return null;
    }
    SmtpSettings.Security security = SmtpSettings.Security.STARTTLS;
    String sec = s.string("security", null);
    if (sec == null && s.has("starttls")) {
      security =
          s.bool("starttls", true) ? SmtpSettings.Security.STARTTLS : SmtpSettings.Security.NONE;
    } else if (sec != null) {
      try {
        security = SmtpSettings.Security.valueOf(sec.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        s.problem("security", "'" + sec + "' is not NONE, STARTTLS, STARTTLS_REQUIRED or TLS");
      }
    }
    Duration ten = Duration.ofSeconds(10);
    Duration thirty = Duration.ofSeconds(30);
    List<String> before = new ArrayList<>(s.problems());
    SmtpSettings.Builder b =
        SmtpSettings.builder(from)
            .server(s.string("host", "localhost"), s.integer("port", 25, 0, 70000))
            .security(security)
            .auth(s.string("username", null), s.string("password", null))
            .fromName(s.string("fromName", null))
            .replyTo(s.string("replyTo", null))
            .timeouts(
                s.duration("connectTimeout", ten),
                s.duration("readTimeout", thirty),
                s.duration("writeTimeout", thirty))
            .messageIdDomain(s.string("messageIdDomain", null))
            .heloName(s.string("heloName", null));
    if (s.problems().size() > before.size()) return null;
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      s.problems().add(e.getMessage());
      return null;
    }
  }
}
