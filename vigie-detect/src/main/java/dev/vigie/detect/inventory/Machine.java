package dev.vigie.detect.inventory;

import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import java.util.List;
import java.util.Map;

/**
 * A hosted machine of the inventory.
 *
 * @param id unique id, named in alerts
 * @param addresses its addresses or ranges
 * @param client the client it serves (may be null)
 * @param role pbx, proxy, sbc, trunk or other
 * @param thresholds its overrides of the default thresholds
 * @param allowedPrefixes international prefixes its calls may reach without counting as toll fraud
 *     (e.g. {@code 0033}, {@code +32}); empty: every international call counts
 */
public record Machine(
    String id,
    List<Cidr> addresses,
    String client,
    Role role,
    Map<Threshold, Level> thresholds,
    List<String> allowedPrefixes) {

  public Machine {
    addresses = List.copyOf(addresses);
    thresholds = Map.copyOf(thresholds);
    allowedPrefixes = List.copyOf(allowedPrefixes);
  }
}
