package dev.vigie.cluster.codec;

import dev.vigie.contain.Isolation;
import java.util.Objects;

/**
 * A containment decision on the {@code vigie.actions} topic, applied by the {@code act} agents.
 *
 * @param id unique and stable: the isolation id and the operation ({@code iso-12:APPLY}); an agent
 *     applies one id at most once, however often it is delivered
 * @param op put in force or lift
 * @param isolation the ledger entry as the respond role holds it
 */
public record Action(String id, Op op, Isolation isolation) {
  public enum Op {
    APPLY,
    REVOKE
  }

  public Action {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(isolation, "isolation");
  }

  /** The action that applies or revokes {@code isolation}: its id is derived from both. */
  public static Action of(Op op, Isolation isolation) {
    return new Action(isolation.id() + ":" + op, op, isolation);
  }
}
