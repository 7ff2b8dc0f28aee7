package dev.vigie.detect;

/** The kinds of alert of the interface contract (DESIGN.md section 4). */
public enum AlertKind {
  /** One source probing many addresses/ports, or a known scanner signature. */
  SCAN,
  /** One source trying many distinct extensions. */
  ENUMERATION,
  /** Repeated failed authentication from a source. */
  BRUTE_FORCE,
  /** Request rate from a source or towards a machine beyond thresholds or baseline. */
  FLOOD,
  /** A hosted machine's own traffic leaving its baseline or thresholds. */
  MACHINE_TRAFFIC,
  /** Premium/international destinations, concurrent or sequential calls beyond policy. */
  TOLL_FRAUD,
  /**
   * A machine's service failing: requests unanswered, calls failing, registrations failing or lost,
   * silence or slow call setup, against its baseline; {@code machine} is the failing machine.
   */
  SERVICE_DEGRADED,
  /**
   * A machine's platform metrics (from the provider's Prometheus: disk writes, IOPS, packets/s, CPU
   * steal...) approaching the platform's blocking thresholds; {@code machine} is that machine.
   */
  PLATFORM_PRESSURE
}
