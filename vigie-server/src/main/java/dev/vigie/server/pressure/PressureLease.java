package dev.vigie.server.pressure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to poll Prometheus for platform pressure: one holder per shared database, so that of
 * several processes on one PostgreSQL (the documented {@code respond} standby, docs/scale-out.md)
 * exactly one raises the PLATFORM_PRESSURE episodes.
 *
 * <p>On PostgreSQL it is a session-level advisory lock ({@code pg_try_advisory_lock(}{@link
 * #LOCK_KEY}{@code )}) taken on a connection of its own, outside the pool (a pooled connection goes
 * back to the pool between uses; the lock belongs to the session). {@link #held()} is asked once
 * per round: without the lock it tries to take it (never waits); with it, it checks that the
 * session still answers. A closed, broken or terminated session is a lost lease; PostgreSQL
 * releases the lock when the session ends: at {@link #close()}, when the holder's process dies
 * (kill -9 included: the kernel closes its socket), or when the server's TCP keepalives, set on
 * this session to probe after one round of silence, find the holder's host gone. The others take it
 * at their next round.
 *
 * <p>Any other database (embedded H2) is one process's own file: the lease is always held ({@link
 * #always()}).
 */
public interface PressureLease extends AutoCloseable {
  /** The advisory lock key ("vigie-pr" in ASCII), visible in {@code pg_locks.objid/classid}. */
  long LOCK_KEY = 0x766967_69652d7072L;

  /** Whether this process holds the lease now (may take it or find it lost; never blocks long). */
  boolean held();

  /**
   * Null when the last {@link #held()} reached the database (held or not), else why it could not
   * (this process can neither poll nor take over until it can).
   */
  default String problem() {
    return null;
  }

  /** Releases the lease (if held). */
  @Override
  void close();

  /** The lease of a database that only one process opens (H2): always held. */
  static PressureLease always() {
    return new PressureLease() {
      @Override
      public boolean held() {
        return true;
      }

      @Override
      public void close() {}

      @Override
      public String toString() {
        return "always held (single-process database)";
      }
    };
  }

  /**
   * The lease for {@code url}: an advisory lock on PostgreSQL ({@code jdbc:postgresql:}), else
   * {@link #always()}. {@code timeout} bounds connecting and each check; {@code interval} is the
   * time between two rounds (the server waits at least that long before probing a silent holder).
   */
  static PressureLease of(
      String url, String user, String password, Duration timeout, Duration interval) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) return always();
    return new Advisory(url, user, password, timeout, interval);
  }

  /** The PostgreSQL advisory lock on a dedicated connection. Thread-safe. */
  final class Advisory implements PressureLease {
    private static final Logger LOG = LoggerFactory.getLogger(PressureLease.class);
    private final String url;
    private final Properties props = new Properties();
    private final int timeoutSeconds;
    private final long keepaliveIdleSeconds;
    private Connection conn;
    private boolean holding;
    private boolean closed;
    private String lastFailure;

    Advisory(String url, String user, String password, Duration timeout, Duration interval) {
      this.url = url;
      this.timeoutSeconds = (int) Math.max(1, Math.min(60, timeout.toSeconds()));
      // a holder cut from the database stops at its next round (interval + timeout); the server
      // releases the lock only after idle + 3 probes 5 s apart, so never while it may still poll
      this.keepaliveIdleSeconds = Math.max(10, interval.toSeconds() + timeoutSeconds);
      if (user != null) props.setProperty("user", user);
      if (password != null) props.setProperty("password", password);
      props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
      props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
      // a query that hangs (server stalled) fails instead of stopping the poller's thread
      props.setProperty("socketTimeout", Integer.toString(timeoutSeconds * 2 + 5));
      props.setProperty("tcpKeepAlive", "true");
      props.setProperty("ApplicationName", "vigie pressure lease");
    }

    @Override
    public synchronized boolean held() {
      if (closed) return false;
      try {
        if (holding) {
          if (conn.isValid(timeoutSeconds)) return true;
          drop(); // its session ended or no longer answers: lost (the poller says so)
          return false;
        }
        if (conn == null || conn.isClosed()) conn = connect();
        try (Statement st = conn.createStatement();
            var rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
          holding = rs.next() && rs.getBoolean(1);
        }
        lastFailure = null;
        return holding;
      } catch (SQLException | RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!why.equals(lastFailure)) {
          LOG.warn("platform metrics lease: database session unusable ({})", why);
        }
        lastFailure = why;
        drop();
        return false;
      }
    }

    private Connection connect() throws SQLException {
      Connection c = DriverManager.getConnection(url, props);
      try (Statement st = c.createStatement()) {
        // the server notices a holder whose host vanished (no FIN) after idle + 3 x 5 s
        st.execute("SET tcp_keepalives_idle = " + keepaliveIdleSeconds);
        st.execute("SET tcp_keepalives_interval = 5");
        st.execute("SET tcp_keepalives_count = 3");
      } catch (SQLException e) {
        // a Unix socket or a server refusing the settings: the lease still works (process deaths)
        LOG.debug("pressure lease: keepalive settings refused ({})", e.getMessage());
      }
      return c;
    }

    /** Closes the connection (after a failure, or at close); the lock goes with the session. */
    private void drop() {
      holding = false;
      if (conn != null) {
        try {
          conn.close();
        } catch (SQLException ignored) {
          // already broken
        }
        conn = null;
      }
    }

    @Override
    public synchronized String problem() {
      return closed ? null : lastFailure;
    }

    @Override
    public synchronized void close() {
      closed = true;
      drop(); // ends the session: PostgreSQL releases the lock
    }

    @Override
    public String toString() {
      return "PostgreSQL advisory lock " + LOCK_KEY;
    }
  }
}
