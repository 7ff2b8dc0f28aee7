package dev.vigie.incident;

import java.util.stream.Collectors;

/** A lifecycle move the {@link IncidentStatus} table refuses. */
public final class IllegalTransitionException extends IncidentException {
  private final IncidentStatus from;
  private final IncidentStatus to;

  public IllegalTransitionException(String incident, IncidentStatus from, IncidentStatus to) {
    super(message(incident, from, to), null);
    this.from = from;
    this.to = to;
  }

  private static String message(String incident, IncidentStatus from, IncidentStatus to) {
    var allowed = from.allowedTargets().stream().map(Enum::name).collect(Collectors.joining(", "));
    return "incident "
        + incident
        + " cannot go from "
        + from
        + " to "
        + to
        + (allowed.isEmpty()
            ? " (" + from + " is final)"
            : "; from " + from + " it may go to " + allowed);
  }

  public IncidentStatus from() {
    return from;
  }

  public IncidentStatus to() {
    return to;
  }
}
