package dev.vigie.contain.trust;

import java.time.Instant;

/**
 * One known-good address and the evidence behind it.
 *
 * @param address the address as alerts name it
 * @param client the client whose phones registered from it (from the inventory), null if unknown
 * @param machine the machine they registered to, null if unknown
 * @param registrations successful registrations seen from it within {@code days}
 * @param days the learning window, in days
 * @param lastSeen the last successful registration
 */
public record KnownGoodAddress(
    String address, String client, String machine, long registrations, int days, Instant lastSeen) {

  /** The evidence in one line for the audit trail. */
  public String evidence() {
    String whose = client != null ? client + "'s phones" : "phones";
    return registrations
        + " successful registrations of "
        + whose
        + " from this address in "
        + days
        + " days";
  }
}
