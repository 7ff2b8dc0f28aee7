package dev.vigie.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.store.IncidentStore;
import dev.vigie.incident.store.IncidentStoreContract;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.storage.Database;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain's store contract, and the IG sequence under concurrency, on a real PostgreSQL server
 * (Debian's package, one cluster for the class, one database per test).
 */
class JdbiIncidentStorePostgresTest extends IncidentStoreContract {
  private static PostgresServer pg;
  private static final List<Database> OPEN = new ArrayList<>();
  private static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    OPEN.forEach(Database::close);
    pg.close();
  }

  /** A fresh database on the shared server, so each test starts empty. */
  static Database freshDatabase() {
    var name = "t" + (++databases);
    try (var admin = Database.open(pg.jdbcUrl(), pg.user(), "")) {
      admin.jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
    }
    var db = Database.open(pg.jdbcUrl().replaceAll("/vigie$", "/" + name), pg.user(), "");
    OPEN.add(db);
    return db;
  }

  @Override
  protected IncidentStore newStore(InstantSource clock) {
    return new JdbiIncidentStore(freshDatabase().jdbi(), clock);
  }

  @Test
  void sequenceHandsOutDistinctConsecutiveNumbersUnderConcurrency() throws Exception {
    var seq = new JdbiSequenceSource(freshDatabase().jdbi());
    var day = LocalDate.of(2024, 9, 23);
    var pool = Executors.newFixedThreadPool(8);
    try {
      var calls = new ArrayList<Callable<Integer>>();
      for (int i = 0; i < 40; i++) {
        calls.add(() -> seq.next(day));
      }
      var got = new ArrayList<Integer>();
      for (var f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        got.add(f.get());
      }
      assertThat(got).doesNotHaveDuplicates();
      assertThat(got.stream().sorted().toList())
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
      assertThat(seq.next(day.plusDays(1))).isEqualTo(1);
      assertThat(seq.next(day)).isEqualTo(41);
    } finally {
      pool.shutdownNow();
    }
  }
}
