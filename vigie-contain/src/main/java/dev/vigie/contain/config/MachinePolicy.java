package dev.vigie.contain.config;

import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A hosted machine as containment sees it: its addresses and how far Vigie may go on its own.
 *
 * @param id inventory id
 * @param addresses addresses or prefixes cut by an isolation
 * @param isolation the most intrusive mode allowed for isolating this machine: ASK by default, AUTO
 *     only when the machine's configuration says so
 * @param duration how long an isolation lasts, null for "until released" (the default)
 */
public record MachinePolicy(String id, List<Cidr> addresses, Mode isolation, Duration duration) {

  public MachinePolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(isolation, "isolation");
    addresses = List.copyOf(addresses);
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("machine " + id + ": duration must be positive");
    }
  }

  /** A machine with the default policy: ASK, until released. */
  public static MachinePolicy askUntilReleased(String id, List<Cidr> addresses) {
    return new MachinePolicy(id, addresses, Mode.ASK, null);
  }
}
