package dev.vigie.server.incident;

import dev.vigie.incident.number.SequenceSource;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/**
 * IG sequences in the {@code ig_sequence} table: one counter row per day. {@link #next} increments
 * the day's row ({@code UPDATE … SET last_seq = last_seq + 1}) and reads it back in one
 * transaction: the row lock taken by the UPDATE makes concurrent callers (threads or server
 * processes sharing the database) queue, and each reads its own value. The first number of a day
 * inserts the row; two first callers racing on that insert hit the primary key, and the loser's
 * transaction is retried whole (see {@link Transactions}), then increments.
 *
 * <p>The counter is committed in its own transaction, before the incident that uses it: a creation
 * that fails afterwards leaves a gap, and a number is never handed out twice, across restarts and
 * crashes (once committed, the counter is durable). O(1) per number; thread-safe.
 */
public final class JdbiSequenceSource implements SequenceSource {
  private final Transactions tx;

  public JdbiSequenceSource(Jdbi jdbi) {
    this.tx = new Transactions(jdbi);
  }

  @Override
  public int next(LocalDate day) {
    return tx.inTx(h -> {
      int updated =
          h.createUpdate("UPDATE ig_sequence SET last_seq = last_seq + 1 WHERE seq_day = :d")
              .bind("d", day)
              .execute();
      if (updated == 0) {
        h.createUpdate("INSERT INTO ig_sequence (seq_day, last_seq) VALUES (:d, 1)")
            .bind("d", day)
            .execute();
      }
      return h.createQuery("SELECT last_seq FROM ig_sequence WHERE seq_day = :d")
          .bind("d", day)
          .mapTo(Integer.class)
          .one();
    });
  }
}
