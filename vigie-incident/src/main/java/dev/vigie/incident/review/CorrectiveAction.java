package dev.vigie.incident.review;

import dev.vigie.incident.Require;
import java.time.LocalDate;

/**
 * A corrective action of the post-incident analysis.
 *
 * @param description what will be done
 * @param owner who answers for it (optional)
 * @param due due date (optional)
 * @param status progress, OPEN when not given
 */
public record CorrectiveAction(
    String description, String owner, LocalDate due, ActionStatus status) {
  public CorrectiveAction {
    description = Require.text("actions[].description", description);
    owner = Require.optional("actions[].owner", owner);
    status = status == null ? ActionStatus.OPEN : status;
  }
}
