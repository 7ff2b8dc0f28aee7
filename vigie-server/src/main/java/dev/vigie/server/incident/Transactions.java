package dev.vigie.server.incident;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a unit of work in one transaction and retries it, whole, when the database reports a
 * transient concurrency failure: a unique-key race (two first insertions of one counter row, two
 * openings of one correlation key), a lock timeout or a serialization failure. Nothing of a failed
 * attempt is committed, so retrying is safe. Bounded: {@link #ATTEMPTS} attempts with a short
 * random back-off (1-20 ms, spreading the contenders), then the last failure is rethrown.
 *
 * <p>Domain exceptions (conflict, not found, invalid) thrown by the work roll back and pass through
 * unchanged on the first attempt. Thread-safe.
 */
final class Transactions {
  static final int ATTEMPTS = 12;

  /**
   * SQL states worth a retry: unique violation (H2 and PostgreSQL), serialization failure and
   * deadlock (40001, 40P01), H2's lock timeout (HYT00) and H2's concurrent update (90131).
   */
  private static final Set<String> TRANSIENT = Set.of("23505", "40001", "40P01", "HYT00", "90131");

  private final Jdbi jdbi;

  Transactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  <T> T inTx(HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isTransient(e)) {
          throw e;
        }
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 20_000_000));
      }
    }
  }

  /** A read in its own handle (no retry: reads do not conflict). */
  <T> T read(HandleCallback<T, RuntimeException> work) {
    return jdbi.withHandle(work);
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        if (TRANSIENT.contains(s.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the handle talks to PostgreSQL (else H2). */
  static boolean postgres(Handle h) {
    try {
      return h.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
    } catch (SQLException e) {
      return false;
    }
  }
}
