package dev.vigie.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigie.server.config.ConfigException;
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
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user == null ? "" : user);
    hc.setPassword(password == null ? "" : password);
    hc.setMaximumPoolSize(8);
    hc.setPoolName("vigie-db");
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new ConfigException("database " + redact(url) + ": cannot connect: " + rootMessage(e));
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

  public Jdbi jdbi() {
    return jdbi;
  }

  public boolean isPostgres() {
    return postgres;
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

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    if (m == null) m = t.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
