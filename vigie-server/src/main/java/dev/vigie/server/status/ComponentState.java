package dev.vigie.server.status;

/** Status page states of a component, from best to worst (statuspage.io's vocabulary). */
public enum ComponentState {
  OPERATIONAL("Opérationnel", "Operational"),
  UNDER_MAINTENANCE("En maintenance", "Under maintenance"),
  DEGRADED_PERFORMANCE("Performances dégradées", "Degraded performance"),
  PARTIAL_OUTAGE("Panne partielle", "Partial outage"),
  MAJOR_OUTAGE("Panne majeure", "Major outage");

  private final String fr;
  private final String en;

  ComponentState(String fr, String en) {
    this.fr = fr;
    this.en = en;
  }

  public String label(boolean french) {
    return french ? fr : en;
  }

  /** The worse of two states. */
  public static ComponentState worst(ComponentState a, ComponentState b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
