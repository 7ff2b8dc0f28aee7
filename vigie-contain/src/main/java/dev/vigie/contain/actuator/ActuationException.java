package dev.vigie.contain.actuator;

/**
 * An actuator failed; the message says what it ran and what the other side answered (nft's stderr,
 * the HTTP status and body).
 */
public final class ActuationException extends Exception {

  public ActuationException(String message) {
    super(message);
  }

  public ActuationException(String message, Throwable cause) {
    super(message, cause);
  }
}
