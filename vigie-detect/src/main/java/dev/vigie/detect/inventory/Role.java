package dev.vigie.detect.inventory;

/** What a hosted machine is; proxies and SBCs relay other parties' requests. */
public enum Role {
  PBX,
  PROXY,
  SBC,
  TRUNK,
  OTHER;

  /** True when the machine relays requests it did not originate (its requests are not its own). */
  public boolean relays() {
    return this == PROXY || this == SBC;
  }
}
