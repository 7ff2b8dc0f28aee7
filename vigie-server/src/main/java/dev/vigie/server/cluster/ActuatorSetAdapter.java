package dev.vigie.server.cluster;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.actuator.ActuatorSet;
import java.util.List;

/** The actuators of an {@code act} host (nftables and/or webhook) as one. */
final class ActuatorSetAdapter implements Actuator {
  private final List<Actuator> all;
  private final ActuatorSet set;

  ActuatorSetAdapter(List<Actuator> all) {
    this.all = all;
    this.set = new ActuatorSet(all);
  }

  @Override
  public String name() {
    return String.join("+", all.stream().map(Actuator::name).toList());
  }

  @Override
  public void prepare() throws ActuationException {
    for (Actuator a : all) a.prepare();
  }

  @Override
  public void apply(Isolation isolation) throws ActuationException {
    set.apply(isolation);
  }

  @Override
  public void revoke(Isolation isolation) throws ActuationException {
    set.revoke(isolation);
  }
}
