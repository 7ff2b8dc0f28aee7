package dev.vigie.server.contain;

import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.config.ConfigException;
import dev.vigie.contain.config.ConfigReader;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.nft.NftConfig;
import dev.vigie.contain.webhook.WebhookConfig;
import dev.vigie.detect.inventory.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's containment settings from the serve YAML: vigie-contain's {@link ConfigReader} for
 * the policy, machines, cap, expiry and dry-run, plus what only the server knows: the actuators
 * ({@code containment.nftables}, {@code containment.webhook}), the expiry tick, and the protected
 * ranges (the inventory's {@code protected}, {@code containment.protected} and the HEP capture
 * agents of {@code server.hep.agents}). Every error is a vigie-contain {@code ConfigException}
 * naming the dotted key and the bad value.
 *
 * @param contain the decision settings (dry-run already forced when the server runs dry)
 * @param nftables the nftables actuator, null when {@code containment.nftables.enabled} is false
 * @param webhook the webhook actuator, null when no {@code containment.webhook.url} is given
 * @param tick how often {@code expire()} runs
 */
public record ContainmentSettings(
    ContainmentConfig contain, NftConfig nftables, WebhookConfig webhook, Duration tick) {

  /** Reads the settings; {@code forceDryRun} is {@code server.dryRun} or {@code --dry-run}. */
  public static ContainmentSettings read(Map<String, ?> root, boolean forceDryRun) {
    ContainmentConfig c = ConfigReader.read(root);
    Map<String, ?> sec = map("containment", root.get("containment"));
    List<Cidr> prot = new ArrayList<>(c.protectedRanges());
    prot.addAll(ranges("containment.protected", sec.get("protected")));
    Map<String, ?> server = map("server", root.get("server"));
    prot.addAll(ranges("server.hep.agents", map("server.hep", server.get("hep")).get("agents")));
    c = c.withProtected(prot).withDryRun(c.dryRun() || forceDryRun);
    Duration tick =
        ConfigReader.duration("containment.tick", sec.get("tick"), Duration.ofSeconds(2));
    return new ContainmentSettings(
        c, nft(map("containment.nftables", sec.get("nftables"))), webhook(sec), tick);
  }

  private static NftConfig nft(Map<String, ?> n) {
    Object enabled = n.get("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw new ConfigException("containment.nftables.enabled", enabled, "true or false");
    }
    if (!Boolean.TRUE.equals(enabled)) return null;
    NftConfig d = NftConfig.defaults();
    return new NftConfig(
        text("containment.nftables.table", n.get("table"), d.table()),
        text("containment.nftables.netns", n.get("netns"), null),
        text("containment.nftables.nft", n.get("nft"), d.nft()),
        ConfigReader.duration("containment.nftables.timeout", n.get("timeout"), d.timeout()));
  }

  private static WebhookConfig webhook(Map<String, ?> sec) {
    Map<String, ?> w = map("containment.webhook", sec.get("webhook"));
    String url = text("containment.webhook.url", w.get("url"), null);
    if (url == null) return null;
    WebhookConfig d;
    try {
      d = WebhookConfig.of(new URI(url));
    } catch (URISyntaxException e) {
      throw new ConfigException("containment.webhook.url", url, "an http(s) URL");
    }
    Object retries = w.get("retries");
    if (retries != null && !(retries instanceof Integer)) {
      throw new ConfigException("containment.webhook.retries", retries, "an integer in 0..10");
    }
    Set<IsolationKind> kinds = EnumSet.noneOf(IsolationKind.class);
    Object k = w.get("kinds");
    for (Object o : k == null ? List.of("SOURCE_BLOCK", "MACHINE_ISOLATION") : list(k)) {
      try {
        kinds.add(IsolationKind.valueOf(String.valueOf(o).strip().toUpperCase()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "containment.webhook.kinds", o, "SOURCE_BLOCK or MACHINE_ISOLATION");
      }
    }
    return new WebhookConfig(
        d.url(),
        text("containment.webhook.bearerToken", w.get("bearerToken"), null),
        text("containment.webhook.hmacSecret", w.get("hmacSecret"), null),
        ConfigReader.duration("containment.webhook.timeout", w.get("timeout"), d.timeout()),
        retries == null ? d.retries() : (Integer) retries,
        w.get("backoff") == null
            ? d.backoff()
            : ConfigReader.duration("containment.webhook.backoff", w.get("backoff"), null),
        kinds);
  }

  private static List<?> list(Object v) {
    if (v instanceof List<?> l) return l;
    throw new ConfigException("containment.webhook.kinds", v, "a list of isolation kinds");
  }

  private static List<Cidr> ranges(String key, Object value) {
    List<Cidr> out = new ArrayList<>();
    if (value == null) return out;
    if (!(value instanceof List<?> l)) {
      throw new ConfigException(key, value, "a list of addresses or CIDR prefixes");
    }
    for (int i = 0; i < l.size(); i++) {
      try {
        out.add(Cidr.parse(String.valueOf(l.get(i))));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + "[" + i + "]", l.get(i), "an address or CIDR prefix");
      }
    }
    return out;
  }

  private static String text(String key, Object v, String dflt) {
    if (v == null) return dflt;
    if (v instanceof String s && !s.isBlank()) return s.strip();
    throw new ConfigException(key, v, "a non-empty string");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(String key, Object v) {
    if (v == null) return Map.of();
    if (v instanceof Map<?, ?> m) return (Map<String, ?>) m;
    throw new ConfigException(key, v, "a mapping");
  }
}
