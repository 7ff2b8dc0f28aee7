package dev.vigie.contain.trust;

import java.util.Optional;

/**
 * The known-good addresses: where phones registered successfully (digest accepted) recently. Such
 * an address is never blocked automatically, whatever an alert says about it: a spoofer who knows a
 * client's office address must not be able to cut the office off. The server learns and persists
 * them; containment only looks them up.
 */
@FunctionalInterface
public interface KnownGood {

  /** The entry for a source as alerts name it (an IPv6 source as its /64), if known-good. */
  Optional<KnownGoodAddress> find(String source);

  KnownGood NONE = s -> Optional.empty();
}
