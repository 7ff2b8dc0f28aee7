package dev.vigie.server.notify;

import dev.vigie.incident.notify.Outbox;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQL outbox on an H2 file database, migrated by Flyway as the server does. */
class JdbiOutboxH2Test extends OutboxContract {
  @TempDir Path dir;
  private Database db;

  @Override
  Outbox outbox() {
    db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL", "", "");
    return new JdbiOutbox(db.jdbi());
  }

  @AfterEach
  void close() {
    if (db != null) db.close();
  }
}
