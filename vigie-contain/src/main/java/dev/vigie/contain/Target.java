package dev.vigie.contain;

import dev.vigie.detect.inventory.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * What an isolation acts on: one remote source (an IPv4 address or an IPv6 /64) or a whole hosted
 * machine (every address or prefix the inventory gives it).
 */
public sealed interface Target {

  /** The prefixes the actuators act on. */
  List<Cidr> prefixes();

  /** Stable identity used to find an isolation already in force for the same target. */
  String key();

  /** True when any prefix of this target shares an address with {@code range}. */
  default boolean overlaps(Cidr range) {
    return prefixes().stream().anyMatch(p -> p.overlaps(range));
  }

  /** A remote source: a /32 or an IPv6 /64. */
  record Source(Cidr prefix) implements Target {
    public Source {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isHost() && !(prefix.v6() && prefix.prefixLength() == 64)) {
        throw new IllegalArgumentException(
            "a source block is an IPv4 address or an IPv6 /64, not '" + prefix + "'");
      }
    }

    /**
     * Parses an address (IPv6 widened to its /64) or an IPv6 /64.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Source parse(String text) {
      Cidr c;
      try {
        c = Cidr.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not an IP address or prefix: '" + text + "'", e);
      }
      return new Source(c.isHost() ? Cidr.sourceBlock(c.network()) : c);
    }

    @Override
    public List<Cidr> prefixes() {
      return List.of(prefix);
    }

    @Override
    public String key() {
      return "source:" + prefix;
    }

    @Override
    public String toString() {
      return prefix.toString();
    }
  }

  /** A hosted machine by inventory id, with the addresses isolation cuts. */
  record Machine(String id, List<Cidr> addresses) implements Target {
    public Machine {
      Objects.requireNonNull(id, "id");
      addresses = List.copyOf(addresses);
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("machine '" + id + "' has no address to isolate");
      }
    }

    @Override
    public List<Cidr> prefixes() {
      return addresses;
    }

    @Override
    public String key() {
      return "machine:" + id;
    }

    @Override
    public String toString() {
      return "machine " + id + " " + addresses;
    }
  }
}
