package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
  @TempDir Path dir;
  private Database db;
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T08:00:00Z"));
  private UserStore users;
  private SessionStore sessions;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL", "", "");
    users = new UserStore(db.jdbi(), new PasswordHasher(1000));
    sessions = new SessionStore(db.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
    users.create("alice", "alice-password-1", Role.OPERATOR, Lang.EN, clock.instant());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aSessionIdIs256RandomBitsAndOnlyItsHashIsStored() {
    var s = sessions.open("alice");
    assertThat(s.id()).hasSize(43); // 32 bytes, base64url without padding
    assertThat(s.csrf()).hasSize(43).isNotEqualTo(s.id());
    String stored =
        db.jdbi()
            .withHandle(h ->
                h.createQuery("SELECT id_hash FROM console_session").mapTo(String.class).one());
    assertThat(stored).isEqualTo(Tokens.sha256(s.id())).isNotEqualTo(s.id());
    assertThat(sessions.find(s.id()))
        .get()
        .extracting(SessionStore.Session::user)
        .isEqualTo("alice");
    assertThat(sessions.find(s.id().substring(1) + "x")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void idleSessionsExpireAndUseKeepsThemAlive() {
    var s = sessions.open("alice");
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(s.id())).isPresent(); // touches last_seen
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(s.id())).isPresent();
    clock.advance(Duration.ofMinutes(31));
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void sessionsEndAfterTheAbsoluteLimitEvenWhenUsed() {
    var s = sessions.open("alice");
    for (int i = 0; i < 12 * 3; i++) {
      clock.advance(Duration.ofMinutes(20));
      if (i < 12 * 3 - 1) assertThat(sessions.find(s.id())).isPresent();
    }
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void firstStartCreatesAnAdminWithARandomPasswordInAFileReadableOnlyByItsOwner() throws Exception {
    Database fresh =
        Database.open("jdbc:h2:file:" + dir.resolve("db2") + ";MODE=PostgreSQL", "", "");
    try {
      UserStore store = new UserStore(fresh.jdbi(), new PasswordHasher(1000));
      Path file = dir.resolve("data/admin-password.txt");
      assertThat(store.bootstrap(null, file, clock.instant()))
          .isEqualTo(UserStore.Bootstrap.RANDOM_PASSWORD_FILE);
      String pw = Files.readString(file).strip();
      assertThat(pw).hasSizeGreaterThanOrEqualTo(UserStore.MIN_PASSWORD);
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      assertThat(store.authenticate("admin", pw))
          .get()
          .extracting(User::role)
          .isEqualTo(Role.ADMIN);
      assertThat(store.authenticate("admin", pw + "x")).isEmpty();
      assertThat(store.bootstrap(null, file, clock.instant()))
          .isEqualTo(UserStore.Bootstrap.EXISTING);
    } finally {
      fresh.close();
    }
  }

  @Test
  void theEnvironmentPasswordWinsOverTheFile() throws Exception {
    Database fresh =
        Database.open("jdbc:h2:file:" + dir.resolve("db3") + ";MODE=PostgreSQL", "", "");
    try {
      UserStore store = new UserStore(fresh.jdbi(), new PasswordHasher(1000));
      Path file = dir.resolve("d3/admin-password.txt");
      assertThat(store.bootstrap("from-the-environment", file, clock.instant()))
          .isEqualTo(UserStore.Bootstrap.FROM_ENVIRONMENT);
      assertThat(file).doesNotExist();
      assertThat(store.authenticate("admin", "from-the-environment")).isPresent();
    } finally {
      fresh.close();
    }
  }
}
