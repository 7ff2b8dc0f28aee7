package dev.vigie.server.notify;

import dev.vigie.incident.notify.Outbox;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SQL outbox on a real PostgreSQL server (one per class, the table emptied per test). */
class JdbiOutboxPostgresTest extends OutboxContract {
  private static PostgresServer pg;
  private static Database db;

  @BeforeAll
  static void start() throws Exception {
    pg = PostgresServer.start();
    db = Database.open(pg.jdbcUrl(), pg.user(), "");
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
    if (pg != null) pg.close();
  }

  @Override
  Outbox outbox() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM notification"));
    return new JdbiOutbox(db.jdbi());
  }
}
