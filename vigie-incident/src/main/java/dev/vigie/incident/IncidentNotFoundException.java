package dev.vigie.incident;

/** No incident (or timeline entry) with that id. */
public final class IncidentNotFoundException extends IncidentException {
  public IncidentNotFoundException(String what) {
    super(what + " not found", null);
  }
}
