package dev.vigie.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigie.server.config.ConfigException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * The database: a Hikari pool, Flyway migrations (classpath db/migration, written to run unchanged
 * on H2 in PostgreSQL mode and on PostgreSQL), and a Jdbi handle factory. Started first in the
 * composition root; closed last.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final boolean postgres;

  private Database(HikariDataSource pool) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.postgres = pool.getJdbcUrl().startsWith("jdbc:postgresql:");
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @throws ConfigException when the database cannot be reached or migrated, with the reason
   */
  public static Database open(String url, String user, String password) {
    return open(url, user, password, Duration.ofSeconds(3));
  }

  /**
   * Opens the pool with {@code timeout} as the longest wait for a connection (Hikari's connection
   * timeout; validation gets a third of it, at least 250 ms): during an outage a request fails in
   * seconds instead of the pool's default 30 s. An H2 file URL is made durable ({@link
   * #durableUrl}).
   */
  public static Database open(String url, String user, String password, Duration timeout) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(durableUrl(url));
    long ms = Math.max(250, timeout.toMillis());
    hc.setConnectionTimeout(ms);
    hc.setValidationTimeout(Math.max(250, ms / 3));
    hc.setUsername(user == null ? "" : user);
    hc.setPassword(password == null ? "" : password);
    hc.setMaximumPoolSize(8);
    hc.setPoolName("vigie-db");
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      if (unreadableH2File(url, e)) {
        throw newerH2(url, "H2 cannot read its pages: " + firstLine(h2Message(e)));
      }
      throw new ConfigException("database " + redact(url) + ": cannot connect: " + rootMessage(e));
    }
    String newer = url.startsWith("jdbc:h2:file:") ? writtenByNewerH2(ds) : null;
    if (newer != null) {
      ds.close();
      throw newerH2(url, newer);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      ds.close();
      throw new ConfigException(
          "database " + redact(url) + ": migration failed: " + rootMessage(e));
    }
    return new Database(ds);
  }

  /**
   * H2 keeps committed changes in memory and writes them from a background thread every {@code
   * WRITE_DELAY} ms (500 by default): a kill -9 in that window loses transactions whose commit had
   * already returned. With {@code WRITE_DELAY=0} H2's transaction store writes the store at the end
   * of every committing transaction, before {@code commit()} returns, so a 2xx answered after the
   * commit survives the process being killed (the write reaches the operating system; an
   * operating-system crash may still lose what the disk has not flushed). Applied to every {@code
   * jdbc:h2:file:} URL that does not set {@code WRITE_DELAY} itself. Cost: docs/performance.md.
   */
  public static String durableUrl(String url) {
    if (url == null || !url.startsWith("jdbc:h2:")) return url;
    if (url.startsWith("jdbc:h2:mem:")) return url;
    if (url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) return url;
    return url + ";WRITE_DELAY=0";
  }

  /**
   * Null when the H2 database was created by this H2 build or an older one, else what created it:
   * H2 reads the files of older builds, not always those of newer ones (a 2.5.x file has pages
   * 2.4.240 cannot read), so such a file is refused before anything reads or writes it.
   */
  private static String writtenByNewerH2(HikariDataSource ds) {
    try (var c = ds.getConnection();
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT H2VERSION(), (SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'CREATE_BUILD')")) {
      if (!rs.next() || rs.getString(2) == null) return null;
      String runtime = rs.getString(1);
      int build = Integer.parseInt(runtime.substring(runtime.lastIndexOf('.') + 1).strip());
      int created = Integer.parseInt(rs.getString(2).strip());
      return created > build
          ? "created by H2 build " + created + ", this Vigie runs H2 " + runtime
          : null;
    } catch (java.sql.SQLException | RuntimeException e) {
      return null; // not H2 as expected: let Flyway and the first queries say what is wrong
    }
  }

  private static ConfigException newerH2(String url, String why) {
    return new ConfigException(
        "database "
            + redact(url)
            + ": this H2 database file cannot be used ("
            + why
            + "). A data directory written by a Vigie built with H2 2.5.x cannot be opened by"
            + " this one (H2 2.4.240, pinned because 2.5.x loses commits on a crash): convert it"
            + " with H2's Script and RunScript tools as docs/reliability.md says (\"Data written by"
            + " H2 2.5.x\"), or restore a backup taken by this version");
  }

  /**
   * Whether opening an H2 file failed because H2's store could not read the file's pages: what H2
   * 2.4.240 reports on a file written by H2 2.5.x (a page format it does not know).
   */
  static boolean unreadableH2File(String url, Throwable e) {
    if (url == null || !url.startsWith("jdbc:h2:file:")) return false;
    String m = h2Message(e);
    return m != null && m.contains("Unable to read the page");
  }

  /** The message of the first H2 store exception in the chain, else null. */
  private static String h2Message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) return t.getMessage();
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains("Unable to read the page")) return m;
    }
    return null;
  }

  private static String firstLine(String m) {
    if (m == null) return "";
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    int chunk = line.indexOf(", chunk chunk:");
    return chunk < 0 ? line : line.substring(0, chunk);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Null when a connection can be borrowed and answers, else why not (for /healthz). */
  public String problem() {
    try {
      jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      return null;
    } catch (RuntimeException e) {
      return "unreachable: " + rootMessage(e);
    }
  }

  /** True when a connection can be borrowed and answers (for /healthz). */
  public boolean healthy() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&;]*", "password=***");
  }

  /** The innermost cause of {@code e}. */
  public static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    if (m == null) m = t.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
