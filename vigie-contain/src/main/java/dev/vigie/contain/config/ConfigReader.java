package dev.vigie.contain.config;

import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link ContainmentConfig} from a YAML document already parsed into maps and lists (the
 * server's config or inventory file). Reads the top-level {@code machines} and {@code protected}
 * keys of the inventory contract and a {@code containment} section; unknown keys of a machine
 * (client, role, thresholds) belong to other stages and are ignored. Every error is a {@link
 * ConfigException} naming the dotted key and the bad value.
 *
 * <pre>
 * protected: [203.0.113.0/24]
 * machines:
 *   - id: pbx-acme
 *     addresses: [10.0.1.15, 2001:db8:1::15]
 *     isolation: {policy: auto, duration: 2h}     # default: ask, until-released
 * containment:
 *   dryRun: false
 *   policy: {SCAN: {WARNING: auto, CRITICAL: auto}, FLOOD: {WARNING: observe}}
 *   cap: {maxActions: 10, window: 5m}
 *   expiry: {base: 10m, factor: 4, repeatWindow: 24h, max: 24h}
 *   approvalTimeout: 1h
 *   trust:
 *     unprovenAsks: {maxAsks: 5, window: 5m}
 *     loneProbeRequests: 3
 *     knownGood: {days: 7, maxAddresses: 10000}
 * </pre>
 */
public final class ConfigReader {

  private static final Pattern SIMPLE =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private ConfigReader() {}

  /** The whole config from a root document; absent keys keep their defaults. */
  public static ContainmentConfig read(Map<String, ?> root) {
    ContainmentConfig d = ContainmentConfig.defaults();
    Map<String, ?> c = map("containment", root.get("containment"));
    PolicyTable table = d.policy();
    Map<String, ?> pol = map("containment.policy", c.get("policy"));
    for (var e : pol.entrySet()) {
      AlertKind kind = parseEnum(AlertKind.class, "containment.policy", e.getKey());
      String rowKey = "containment.policy." + e.getKey();
      for (var cell : map(rowKey, e.getValue()).entrySet()) {
        Severity sev = parseEnum(Severity.class, rowKey, cell.getKey());
        Mode mode = Mode.parse(rowKey + "." + cell.getKey(), cell.getValue());
        if (kind == AlertKind.PLATFORM_PRESSURE && mode != Mode.OBSERVE) {
          // a platform metric is no proof against anyone: it never blocks by itself
          throw new ConfigException(
              rowKey + "." + cell.getKey(),
              cell.getValue(),
              "observe (platform pressure never contains anything by itself)");
        }
        table = table.with(kind, sev, mode);
      }
    }
    Map<String, ?> cap = map("containment.cap", c.get("cap"));
    Map<String, ?> exp = map("containment.expiry", c.get("expiry"));
    BlockExpiry de = d.expiry();
    Map<String, ?> tr = map("containment.trust", c.get("trust"));
    Map<String, ?> ua = map("containment.trust.unprovenAsks", tr.get("unprovenAsks"));
    Map<String, ?> kg = map("containment.trust.knownGood", tr.get("knownGood"));
    TrustConfig dt = d.trust();
    TrustConfig trust =
        new TrustConfig(
            integer("containment.trust.unprovenAsks.maxAsks", ua.get("maxAsks"), dt.unprovenAsks()),
            duration(
                "containment.trust.unprovenAsks.window", ua.get("window"), dt.unprovenWindow()),
            integer(
                "containment.trust.loneProbeRequests",
                tr.get("loneProbeRequests"),
                dt.loneProbeRequests()),
            integer("containment.trust.knownGood.days", kg.get("days"), dt.knownGoodDays()),
            integer(
                "containment.trust.knownGood.maxAddresses",
                kg.get("maxAddresses"),
                dt.knownGoodMax()));
    return new ContainmentConfig(
            table,
            Map.of(),
            ranges("protected", root.get("protected")),
            new ActionCap(
                integer("containment.cap.maxActions", cap.get("maxActions"), d.cap().maxActions()),
                duration("containment.cap.window", cap.get("window"), d.cap().window())),
            new BlockExpiry(
                duration("containment.expiry.base", exp.get("base"), de.base()),
                integer("containment.expiry.factor", exp.get("factor"), de.factor()),
                duration(
                    "containment.expiry.repeatWindow", exp.get("repeatWindow"), de.repeatWindow()),
                duration("containment.expiry.max", exp.get("max"), de.max())),
            duration("containment.approvalTimeout", c.get("approvalTimeout"), d.approvalTimeout()),
            bool("containment.dryRun", c.get("dryRun"), d.dryRun()),
            trust)
        .withMachines(machines(root.get("machines")));
  }

  private static List<MachinePolicy> machines(Object value) {
    List<MachinePolicy> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigException("machines", value, "a list of machines");
    }
    for (int i = 0; i < list.size(); i++) {
      String key = "machines[" + i + "]";
      Map<String, ?> m = map(key, list.get(i));
      if (!(m.get("id") instanceof String id) || id.isBlank()) {
        throw new ConfigException(key + ".id", m.get("id"), "a machine id");
      }
      key = "machines[" + id + "]";
      Map<String, ?> iso = map(key + ".isolation", m.get("isolation"));
      Mode mode =
          iso.get("policy") == null
              ? Mode.ASK
              : Mode.parse(key + ".isolation.policy", iso.get("policy"));
      Object dur = iso.get("duration");
      Duration duration =
          dur == null || "until-released".equals(dur)
              ? null
              : duration(key + ".isolation.duration", dur, null);
      out.add(
          new MachinePolicy(id, ranges(key + ".addresses", m.get("addresses")), mode, duration));
    }
    return out;
  }

  /**
   * Parses {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, ISO-8601 {@code PT10M} or a number
   * of seconds; positive only.
   */
  public static Duration duration(String key, Object value, Duration absent) {
    if (value == null) {
      return absent;
    }
    Duration d = null;
    if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      d = Duration.ofSeconds(n.longValue());
    } else if (value instanceof String s) {
      String t = s.strip().toLowerCase(Locale.ROOT);
      Matcher m = SIMPLE.matcher(t);
      if (!t.isEmpty() && m.matches()) {
        d =
            Duration.ofDays(num(m.group(1)))
                .plusHours(num(m.group(2)))
                .plusMinutes(num(m.group(3)))
                .plusSeconds(num(m.group(4)));
      } else {
        try {
          d = Duration.parse(s.strip());
        } catch (DateTimeParseException e) {
          d = null;
        }
      }
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new ConfigException(key, value, "a positive duration such as 90s, 10m, 2h or 1d");
    }
    return d;
  }

  private static long num(String g) {
    return g == null ? 0 : Long.parseLong(g);
  }

  private static List<Cidr> ranges(String key, Object value) {
    List<Cidr> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigException(key, value, "a list of addresses or CIDR prefixes");
    }
    for (int i = 0; i < list.size(); i++) {
      try {
        out.add(Cidr.parse(String.valueOf(list.get(i))));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + "[" + i + "]", list.get(i), "an address or CIDR prefix");
      }
    }
    return out;
  }

  private static int integer(String key, Object value, int absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Number n && n.doubleValue() == n.intValue()) {
      return n.intValue();
    }
    throw new ConfigException(key, value, "an integer");
  }

  private static boolean bool(String key, Object value, boolean absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ConfigException(key, value, "true or false");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(String key, Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
      return (Map<String, ?>) m;
    }
    throw new ConfigException(key, value, "a mapping");
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text.strip())) {
        return e;
      }
    }
    throw new ConfigException(
        key, text, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }
}
