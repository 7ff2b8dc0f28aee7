package dev.vigie.incident;

/**
 * Base of the errors the incident domain reports to a caller. Each subtype maps to one HTTP status
 * in the server: {@link InvalidIncidentException} 400, {@link IncidentNotFoundException} 404,
 * {@link IncidentConflictException} 409, {@link IllegalTransitionException} 409. The message is
 * meant for the user: it names what is wrong.
 */
public abstract sealed class IncidentException extends RuntimeException
    permits InvalidIncidentException,
        IncidentNotFoundException,
        IncidentConflictException,
        IllegalTransitionException {
  protected IncidentException(String message, Throwable cause) {
    super(message, cause);
  }
}
