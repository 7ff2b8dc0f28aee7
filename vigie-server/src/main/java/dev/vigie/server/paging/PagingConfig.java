package dev.vigie.server.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.detect.AlertKind;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.Node;
import dev.vigie.server.config.ServeConfig;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The {@code paging:} section of {@code vigie.yaml} (docs/paging.md): people, the rotation, the
 * escalation policy, which incidents page, the channels, the acknowledgement links and the retry
 * schedule. Validated at load: every problem names its key and the bad value, all are reported at
 * once. Secrets (webhook URLs, header values, the link key) never appear in {@link #toString}.
 */
public record PagingConfig(
    ZoneId zone,
    Map<String, Person> people,
    Rotation rotation,
    List<Level> levels,
    int repeat,
    List<Trigger> triggers,
    Map<String, ChannelSpec> channels,
    String ackSecret,
    Duration ackTtl,
    URI baseUrl,
    Duration retryInitial,
    Duration retryMax,
    int retryMaxAttempts,
    Duration tickInterval,
    Duration httpTimeout) {

  /** Who can be paged, how by default, and in which language ({@code fr} or {@code en}). */
  public record Person(
      String id, String name, String email, String phone, List<String> channels, String language) {}

  /**
   * One escalation level: who ({@code oncall}, {@code next} or person ids), through which channels
   * (empty: each person's own), and how long to wait for an acknowledgement before the next level.
   */
  public record Level(List<String> who, List<String> via, Duration after) {}

  /**
   * Which incidents page; every given condition must hold. {@code severity}: an incident of that
   * severity or worse; {@code alert}: an alert of that kind joined the incident (with {@code
   * criticalServices}, only on a machine serving a critical service); {@code isolation}: an
   * automatic isolation was made for the incident.
   */
  public record Trigger(
      IncidentSeverity severity, AlertKind alert, boolean criticalServices, boolean isolation) {}

  /** A channel's kind. */
  public enum Kind {
    EMAIL,
    SLACK,
    TEAMS,
    HTTP
  }

  /**
   * A channel. {@code url}, {@code headers} and {@code body} may hold secrets: never logged.
   *
   * @param format for Teams, {@code adaptive} (Adaptive Card) or {@code messagecard}
   */
  public record ChannelSpec(
      String id,
      Kind kind,
      URI url,
      String method,
      Map<String, String> headers,
      String contentType,
      String body,
      String format) {
    @Override
    public String toString() {
      return id + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  @Override
  public String toString() {
    return "paging: "
        + people.size()
        + " people, "
        + levels.size()
        + " levels, channels "
        + channels.values();
  }

  private static final Map<String, Set<String>> KEYS = dev.vigie.server.config.PagingKeys.SECTIONS;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** The section, or null when {@code paging:} is absent. */
  public static PagingConfig from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    if (!root.has("paging")) return null;
    Node p = root.get("paging");
    PagingConfig c = read(p, cfg.zone(), null);
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    return c;
  }

  static PagingConfig read(Node p, ZoneId defaultZone, String defaultBase) {
    unknown(p, KEYS.get("paging"));
    ZoneId zone = p.zone("zone", defaultZone);
    Map<String, ChannelSpec> channels = channels(p.get("channels"));
    if (!p.has("channels")) p.problem("channels", "at least one channel is required");
    Map<String, Person> people = new LinkedHashMap<>();
    each(
        p,
        "people",
        (n, i) -> {
          unknown(n, Set.of("id", "name", "email", "phone", "channels", "language"));
          String id = n.string("id", null);
          if (id == null || !ID.matcher(id).matches()) {
            n.problem("id", "required, lower-case letters, digits, - or _ (got '" + id + "')");
            return null;
          }
          String email = n.string("email", null);
          String phone = n.string("phone", null);
          if (phone != null && !phone.matches("\\+?[0-9 .-]{4,20}")) {
            n.problem("phone", "'" + phone + "' is not a phone number (e.g. +33612345678)");
          }
          List<String> via = n.strings("channels");
          for (String ch : via) checkReach(n, "channels", ch, channels, email, phone);
          String lang = n.string("language", "fr").strip().toLowerCase(Locale.ROOT);
          if (!lang.equals("fr") && !lang.equals("en")) {
            n.problem("language", "'" + lang + "' is not fr or en");
          }
          Person person = new Person(id, n.string("name", id), email, phone, via, lang);
          if (people.put(id, person) != null) {
            n.problem("id", "'" + id + "' is listed twice");
          }
          return null;
        });
    if (people.isEmpty()) p.problem("people", "at least one person is required");
    Rotation rotation = Rotation.read(p.get("rotation"), people.keySet(), zone);
    Node e = p.get("escalation");
    unknown(e, KEYS.get("paging.escalation"));
    List<Level> levels = new ArrayList<>();
    each(
        e,
        "levels",
        (n, i) -> {
          unknown(n, Set.of("notify", "via", "after"));
          List<String> who = n.strings("notify");
          if (who.isEmpty()) n.problem("notify", "required: oncall, next or person ids");
          for (String w : who) {
            if (!w.equals("oncall") && !w.equals("next") && !people.containsKey(w)) {
              n.problem("notify", "'" + w + "' is not oncall, next or a person id");
            }
          }
          List<String> via = n.strings("via");
          for (String v : via) {
            if (!channels.containsKey(v)) n.problem("via", "'" + v + "' is not a channel");
          }
          Duration after = n.duration("after", Duration.ofMinutes(5));
          if (after.compareTo(Duration.ofMinutes(1)) < 0) {
            n.problem("after", "must be at least 1 minute, got " + after.toSeconds() + " s");
          }
          levels.add(new Level(who, via, after));
          return null;
        });
    if (levels.isEmpty())
      levels.add(new Level(List.of("oncall"), List.of(), Duration.ofMinutes(5)));
    int repeat = e.integer("repeat", 2, 0, 20);
    List<Trigger> triggers = new ArrayList<>();
    each(p, "triggers", (n, i) -> triggers.add(trigger(n)));
    if (!p.has("triggers")) triggers.add(new Trigger(IncidentSeverity.MAJOR, null, false, false));
    Node ack = p.get("ack");
    unknown(ack, KEYS.get("paging.ack"));
    String secret = ack.string("secret", null);
    if (secret != null && secret.length() < 32) {
      ack.problem("secret", "must be at least 32 characters (got " + secret.length() + ")");
    }
    Duration ttl = ack.duration("ttl", Duration.ofHours(24));
    String base = ack.string("baseUrl", defaultBase);
    URI baseUrl = base == null ? null : httpUrl(ack, "baseUrl", base);
    Node r = p.get("retry");
    unknown(r, KEYS.get("paging.retry"));
    return new PagingConfig(
        zone,
        Map.copyOf(people),
        rotation,
        List.copyOf(levels),
        repeat,
        List.copyOf(triggers),
        Map.copyOf(channels),
        secret,
        ttl,
        baseUrl,
        r.duration("initialDelay", Duration.ofSeconds(15)),
        r.duration("maxDelay", Duration.ofMinutes(5)),
        r.integer("maxAttempts", 8, 1, 100),
        p.duration("tickInterval", Duration.ofSeconds(5)),
        p.duration("httpTimeout", Duration.ofSeconds(10)));
  }

  private static void checkReach(
      Node n,
      String key,
      String channel,
      Map<String, ChannelSpec> channels,
      String email,
      String phone) {
    ChannelSpec c = channels.get(channel);
    if (c == null) {
      n.problem(key, "'" + channel + "' is not a channel of paging.channels");
    } else if (c.kind() == Kind.EMAIL && email == null) {
      n.problem("email", "required to be reached by '" + channel + "'");
    } else if (c.kind() == Kind.HTTP && phone == null && mentions(c, "phone")) {
      n.problem("phone", "required to be reached by '" + channel + "'");
    }
  }

  static boolean mentions(ChannelSpec c, String placeholder) {
    String p = "{{" + placeholder + "}}";
    return c.url().toString().contains(p.replace("{", "%7B").replace("}", "%7D"))
        || c.url().toString().contains(p)
        || c.body() != null && c.body().contains(p);
  }

  private static Trigger trigger(Node n) {
    unknown(n, Set.of("severity", "alert", "criticalServices", "isolation"));
    IncidentSeverity sev = null;
    String s = n.string("severity", null);
    if (s != null) {
      try {
        sev = IncidentSeverity.valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException x) {
        n.problem("severity", "'" + s + "' is not CRITICAL, MAJOR, MINOR or LOW");
      }
    }
    AlertKind kind = null;
    String k = n.string("alert", null);
    if (k != null) {
      try {
        kind = AlertKind.valueOf(k.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException x) {
        n.problem("alert", "'" + k + "' is not an alert kind (e.g. SERVICE_DEGRADED)");
      }
    }
    String iso = n.string("isolation", null);
    if (iso != null && !iso.equals("automatic")) {
      n.problem("isolation", "only 'automatic' is known, got '" + iso + "'");
    }
    boolean critical = n.bool("criticalServices", false);
    if (sev == null && kind == null && iso == null) {
      n.problem("severity", "a trigger needs severity, alert or isolation");
    }
    return new Trigger(sev, kind, critical, iso != null);
  }

  private static Map<String, ChannelSpec> channels(Node c) {
    Map<String, ChannelSpec> out = new LinkedHashMap<>();
    JsonNode raw = c.raw();
    if (raw == null) return out;
    for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      if (!ID.matcher(id).matches()) {
        c.problem(id, "a channel id is lower-case letters, digits, - or _");
        continue;
      }
      Node n = c.get(id);
      unknown(n, Set.of("type", "url", "method", "headers", "contentType", "body", "format"));
      String type = n.string("type", id).strip().toUpperCase(Locale.ROOT);
      Kind kind;
      try {
        kind = Kind.valueOf(type.equals("SMS") || type.equals("WEBHOOK") ? "HTTP" : type);
      } catch (IllegalArgumentException x) {
        n.problem(
            "type", "'" + type.toLowerCase(Locale.ROOT) + "' is not email, slack, teams or http");
        continue;
      }
      URI url = null;
      if (kind != Kind.EMAIL) url = httpUrl(n, "url", n.string("url", null));
      Map<String, String> headers = new LinkedHashMap<>();
      JsonNode h = n.get("headers").raw();
      if (h != null) {
        for (var f : h.properties()) {
          String name = f.getKey();
          String value = f.getValue().asText();
          if (!name.matches("[A-Za-z0-9-]{1,64}") || value.matches("(?s).*[\\r\\n].*")) {
            n.problem("headers." + name, "not a valid header name or a one-line value");
          } else headers.put(name, value);
        }
      }
      String method = n.string("method", "POST").toUpperCase(Locale.ROOT);
      if (!method.equals("POST") && !method.equals("PUT") && !method.equals("GET")) {
        n.problem("method", "'" + method + "' is not POST, PUT or GET");
      }
      String contentType = n.string("contentType", "application/json");
      String body = n.string("body", null);
      if (kind == Kind.HTTP && body == null && !method.equals("GET")) {
        n.problem(
            "body", "required for an http channel (a template, e.g. {\"to\": \"{{phone}}\"})");
      }
      String format = n.string("format", "adaptive").toLowerCase(Locale.ROOT);
      if (!format.equals("adaptive") && !format.equals("messagecard")) {
        n.problem("format", "'" + format + "' is not adaptive or messagecard");
      }
      if (url == null && kind != Kind.EMAIL) continue;
      out.put(
          id,
          new ChannelSpec(id, kind, url, method, Map.copyOf(headers), contentType, body, format));
    }
    return out;
  }

  private static URI httpUrl(Node n, String key, String s) {
    if (s == null) {
      n.problem(key, "required (an http or https URL)");
      return null;
    }
    try {
      URI u = new URI(s.replace("{{", "%7B%7B").replace("}}", "%7D%7D"));
      if (u.getScheme() != null
          && (u.getScheme().equals("http") || u.getScheme().equals("https"))
          && u.getHost() != null) {
        return u;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    // the value may be a secret (a webhook URL): name the key, not the value
    n.problem(key, "not an absolute http or https URL");
    return null;
  }

  /** Reads a list of mappings at {@code key}, each with its own path for problems. */
  static void each(Node parent, String key, BiFunction<Node, Integer, Object> f) {
    JsonNode raw = parent.raw() == null ? null : parent.raw().get(key);
    if (raw == null || raw.isNull()) return;
    String path = parent.path().isEmpty() ? key : parent.path() + "." + key;
    if (!raw.isArray()) {
      parent.problem(key, "expected a list");
      return;
    }
    for (int i = 0; i < raw.size(); i++) {
      JsonNode e = raw.get(i);
      if (!e.isObject()) {
        parent.problem(key + "[" + i + "]", "expected a mapping");
        continue;
      }
      f.apply(new Node(e, path + "[" + i + "]", parent.problems()), i);
    }
  }

  static void unknown(Node n, Set<String> known) {
    if (n.raw() == null) return;
    for (Iterator<String> it = n.raw().fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        n.problem(
            k,
            "unknown key; known keys here: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  /** A local date-time ({@code 2024-09-23T07:00} or {@code 2024-09-23 07:00}). */
  static LocalDateTime localDateTime(Node n, String key) {
    String s = n.string(key, null);
    if (s == null) {
      n.problem(key, "required (a local date-time such as 2024-09-23T07:00)");
      return null;
    }
    try {
      return LocalDateTime.parse(s.strip().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      n.problem(key, "'" + s + "' is not a local date-time such as 2024-09-23T07:00");
      return null;
    }
  }

  static LocalDate localDate(Node n, String key) {
    String s = n.string(key, null);
    if (s == null) {
      n.problem(key, "required (a date such as 2024-09-16)");
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      n.problem(key, "'" + s + "' is not a date such as 2024-09-16");
      return null;
    }
  }

  static LocalTime localTime(Node n, String key, LocalTime dflt) {
    String s = n.string(key, null);
    if (s == null) return dflt;
    try {
      return LocalTime.parse(s.strip().length() == 4 ? "0" + s.strip() : s.strip());
    } catch (DateTimeParseException e) {
      n.problem(key, "'" + s + "' is not a time such as 09:00");
      return dflt;
    }
  }
}
