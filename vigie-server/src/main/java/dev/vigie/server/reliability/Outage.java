package dev.vigie.server.reliability;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Recognises "the database cannot be reached" among the exceptions a store call may throw. */
public final class Outage {
  private Outage() {}

  /**
   * True when {@code e} or a cause says that no connection could be had or that the connection
   * broke: the pool's timeout ({@link SQLTransientConnectionException}), a refused or closed
   * connection ({@link SQLNonTransientConnectionException}, SQL state class 08, 57P01-57P03 for a
   * PostgreSQL shutting down), as opposed to a bad statement or a constraint.
   */
  public static boolean isDatabaseDown(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) return true;
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String st = s.getSQLState();
        if (st.startsWith("08") || st.startsWith("57P")) return true;
      }
      if (t.getClass().getName().equals("org.jdbi.v3.core.ConnectionException")) return true;
    }
    return false;
  }
}
