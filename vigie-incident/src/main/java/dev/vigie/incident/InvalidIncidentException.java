package dev.vigie.incident;

/** Input that cannot make a valid incident, entry or review; the message names the field. */
public final class InvalidIncidentException extends IncidentException {
  public InvalidIncidentException(String message) {
    super(message, null);
  }

  public InvalidIncidentException(String message, Throwable cause) {
    super(message, cause);
  }
}
