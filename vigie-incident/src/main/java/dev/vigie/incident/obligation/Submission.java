package dev.vigie.incident.obligation;

import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.Require;
import java.time.Instant;

/**
 * A submission to the CSIRT or authority, as recorded by an operator ({@code POST
 * /incidents/{id}/obligations/{kind}}). Recording the same kind again replaces it (a corrected time
 * or reference).
 *
 * @param submittedAt when it was submitted
 * @param reference the reference the authority gave, or the provider's own, optional
 * @param author who recorded it
 * @param recordedAt when Vigie recorded it
 */
public record Submission(
    ObligationKind kind, Instant submittedAt, String reference, String author, Instant recordedAt) {
  public Submission {
    Require.present("kind", kind);
    if (submittedAt == null) {
      throw new InvalidIncidentException("submittedAt is missing (ISO-8601 instant)");
    }
    reference = Require.optional("reference", reference);
    if (reference != null && reference.length() > 200) {
      throw new InvalidIncidentException("reference is longer than 200 characters");
    }
  }
}
