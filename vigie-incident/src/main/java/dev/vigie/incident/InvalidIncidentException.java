package dev.vigie.incident;

import java.util.List;

/**
 * Input that cannot make a valid incident, entry or review; the message names the field.
 *
 * <p>Besides the English message (for API clients), the exception may carry the field at fault and
 * a short reason code ({@code required}, {@code tooLong}, {@code invalid}, {@code future}, {@code
 * beforePrevious}, {@code beforeStart}) with its arguments, so that a form can show the error next
 * to the field in the user's language. Both are null when unknown.
 */
public final class InvalidIncidentException extends IncidentException {
  private final String field;
  private final String code;
  private final List<Object> args;

  public InvalidIncidentException(String message) {
    this(message, null);
  }

  public InvalidIncidentException(String message, Throwable cause) {
    super(message, cause);
    this.field = null;
    this.code = null;
    this.args = List.of();
  }

  /** An error about one field, with a reason code and arguments for the forms' wording. */
  public InvalidIncidentException(String field, String code, String message, Object... args) {
    super(message, null);
    this.field = field;
    this.code = code;
    this.args = List.of(args);
  }

  /** The field at fault (as named in the API, e.g. {@code services[2]}), or null. */
  public String field() {
    return field;
  }

  /** The reason code, or null. */
  public String code() {
    return code;
  }

  /** The arguments of the reason (a time, a limit), possibly empty. */
  public List<Object> args() {
    return args;
  }
}
