package dev.vigie.contain.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.InForce;
import dev.vigie.detect.inventory.Cidr;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code nft -j list table inet T} into the elements of Vigie's four sets. An element is a
 * plain value ({@code "10.0.0.1"}), a prefix ({@code {"prefix": {"addr", "len"}}}) or either of
 * these wrapped with its timeout, expiry (whole seconds) and comment ({@code {"elem": {"val",
 * "timeout", "expires", "comment"}}}). Ranges, which Vigie never writes, are skipped.
 */
final class NftState {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NftState() {}

  static List<InForce> parse(String json) throws ActuationException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ActuationException("cannot read nft's JSON output: " + e.getMessage(), e);
    }
    List<InForce> out = new ArrayList<>();
    for (JsonNode item : root.path("nftables")) {
      JsonNode set = item.get("set");
      if (set == null || !NftSets.ALL.contains(set.path("name").asText())) {
        continue;
      }
      String name = set.path("name").asText();
      for (JsonNode e : set.path("elem")) {
        JsonNode wrapped = e.get("elem");
        JsonNode val = wrapped == null ? e : wrapped.get("val");
        Cidr prefix = prefix(val);
        if (prefix == null) {
          continue;
        }
        Duration remaining =
            wrapped != null && wrapped.has("expires")
                ? Duration.ofSeconds(wrapped.get("expires").asLong())
                : null;
        String comment = wrapped == null ? null : wrapped.path("comment").asText(null);
        String tag = comment != null && comment.startsWith("vigie:") ? comment.substring(6) : null;
        out.add(new InForce(NftSets.kindOf(name), prefix, remaining, tag));
      }
    }
    return out;
  }

  private static Cidr prefix(JsonNode val) {
    if (val == null) {
      return null;
    }
    if (val.isTextual()) {
      return Cidr.parse(val.asText());
    }
    JsonNode p = val.get("prefix");
    if (p != null) {
      return Cidr.parse(p.path("addr").asText() + "/" + p.path("len").asInt());
    }
    return null;
  }
}
