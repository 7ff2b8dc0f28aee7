package dev.vigie.server.incident;

import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.store.IncidentStoreContract;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The domain's store contract on the JDBI store over an H2 file database (PostgreSQL mode). */
class JdbiIncidentStoreH2Test extends IncidentStoreContract {
  @TempDir Path dir;
  private Database db;

  @Override
  protected IncidentStore newStore(InstantSource clock) {
    db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL", "", "");
    return new JdbiIncidentStore(db.jdbi(), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }
}
