package dev.vigie.contain.nft;

import dev.vigie.contain.config.ConfigException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the nftables actuator.
 *
 * @param table name of Vigie's own table in the {@code inet} family (default {@code vigie}); Vigie
 *     never touches any other table
 * @param netns network namespace to run {@code nft} in ({@code ip netns exec NS nft ...}), null for
 *     the current one
 * @param nft the nft executable (default {@code nft}, found on the PATH)
 * @param timeout how long one nft invocation may take before it counts as failed
 */
public record NftConfig(String table, String netns, String nft, Duration timeout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
  private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public NftConfig {
    if (table == null || !NAME.matcher(table).matches()) {
      throw new ConfigException(
          "containment.nftables.table", table, "a table name ([A-Za-z][A-Za-z0-9_]*)");
    }
    if (netns != null && !NETNS.matcher(netns).matches()) {
      throw new ConfigException("containment.nftables.netns", netns, "a network namespace name");
    }
    if (nft == null || nft.isBlank()) {
      throw new ConfigException("containment.nftables.nft", nft, "an executable");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("containment.nftables.timeout", timeout, "a positive duration");
    }
  }

  /** Table {@code vigie} in the current namespace, {@code nft} from the PATH, 5 s per call. */
  public static NftConfig defaults() {
    return new NftConfig("vigie", null, "nft", Duration.ofSeconds(5));
  }

  public NftConfig inNamespace(String ns) {
    return new NftConfig(table, ns, nft, timeout);
  }
}
