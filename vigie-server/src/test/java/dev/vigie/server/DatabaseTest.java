package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.server.api.Role;
import dev.vigie.server.api.TokenStore;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same migrations and queries on H2 and on a real PostgreSQL server. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void h2FileDatabaseMigratesAndKeepsDataAcrossReopen() {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    try (Database db = Database.open(url, "", "")) {
      assertThat(db.healthy()).isTrue();
      new TokenStore(db.jdbi())
          .put("t1-long-enough-token-0001", "ops", Role.OPERATOR, Instant.now());
    }
    try (Database db = Database.open(url, "", "")) {
      assertThat(new TokenStore(db.jdbi()).find("t1-long-enough-token-0001"))
          .get()
          .extracting(TokenStore.Principal::role)
          .isEqualTo(Role.OPERATOR);
    }
  }

  @Test
  void postgresqlMigratesAndServesTheSameQueries() throws Exception {
    try (PostgresServer pg = PostgresServer.start();
        Database db = Database.open(pg.jdbcUrl(), pg.user(), "")) {
      assertThat(db.isPostgres()).isTrue();
      assertThat(db.healthy()).isTrue();
      TokenStore tokens = new TokenStore(db.jdbi());
      tokens.put("t2-long-enough-token-0001", "admin", Role.ADMIN, Instant.now());
      tokens.put("t2-long-enough-token-0001", "admin2", Role.ADMIN, Instant.now());
      assertThat(tokens.find("t2-long-enough-token-0001"))
          .get()
          .extracting(TokenStore.Principal::name)
          .isEqualTo("admin2");
      assertThat(tokens.find("nope")).isEmpty();
    }
  }

  @Test
  void unreachableDatabaseIsAClearError() {
    assertThatThrownBy(
            () -> Database.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", "y"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot connect");
  }
}
