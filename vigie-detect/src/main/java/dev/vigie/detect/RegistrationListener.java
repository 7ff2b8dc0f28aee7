package dev.vigie.detect;

/**
 * Told of each successful registration from a remote address: a REGISTER carrying credentials that
 * the platform answered 2xx (the digest was accepted, so the address read the challenge: it is not
 * spoofed). The server learns known-good addresses from these. Called on the engine's thread, once
 * per successful REGISTER: keep it to a map update.
 */
@FunctionalInterface
public interface RegistrationListener {
  /**
   * @param address the source as alerts name it (an IPv6 address as its /64)
   * @param machine the inventory id of the machine that accepted it, null when unknown
   * @param micros when (capture clock, epoch microseconds)
   */
  void onRegistered(String address, String machine, long micros);

  RegistrationListener NONE = (a, m, t) -> {};
}
