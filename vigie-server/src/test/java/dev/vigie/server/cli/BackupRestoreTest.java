package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie backup} / {@code vigie restore} of an H2 data directory, through a real database.
 */
class BackupRestoreTest {
  @TempDir Path tmp;

  private static String url(Path data) {
    return "jdbc:h2:file:" + data.toAbsolutePath().resolve("vigie") + ";MODE=PostgreSQL";
  }

  @Test
  void aBackupRestoresTheDatabaseAndItsFilesAndRefusesAnOpenDatabase() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("status-links.secret"), "secret-of-the-links");
    Path zip = tmp.resolve("vigie-backup.zip");
    try (Database db = Database.open(url(data), "", "")) {
      db.jdbi().useHandle(h -> h.execute("CREATE TABLE backup_marker (v INT)"));
      db.jdbi().useHandle(h -> h.execute("INSERT INTO backup_marker VALUES (42)"));
      Cli open = Cli.run("backup", "--data", data.toString(), zip.toString());
      assertThat(open.exit()).isEqualTo(2);
      assertThat(open.err()).contains("is open").contains("stop it first");
      assertThat(zip).doesNotExist();
    }
    Cli b = Cli.run("backup", "--data", data.toString(), zip.toString());
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(zip).exists();

    Path other = tmp.resolve("restored");
    Cli r = Cli.run("restore", "--data", other.toString(), zip.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(other.resolve("status-links.secret")))
        .isEqualTo("secret-of-the-links");
    try (Database db = Database.open(url(other), "", "")) {
      int v =
          db.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT v FROM backup_marker").mapTo(Integer.class).one());
      assertThat(v).isEqualTo(42);
    }
    Cli again = Cli.run("restore", "--data", other.toString(), zip.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a database").contains("--force");
    assertThat(Cli.run("restore", "--force", "--data", other.toString(), zip.toString()).exit())
        .isZero();
  }

  @Test
  void badInputGetsOneLine() throws Exception {
    Path notZip = Files.writeString(tmp.resolve("x.zip"), "not a zip at all");
    Cli r = Cli.run("restore", "--data", tmp.resolve("d").toString(), notZip.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("vigie restore: ").contains("not a Vigie backup");
    assertThat(r.err().lines()).hasSize(1);
    Cli none =
        Cli.run(
            "backup", "--data", tmp.resolve("empty").toString(), tmp.resolve("o.zip").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no such data directory");
    Path cfg =
        Files.writeString(
            tmp.resolve("pg.yaml"), "database: {url: 'jdbc:postgresql://db/vigie'}\n");
    Cli pg = Cli.run("backup", "--config", cfg.toString(), tmp.resolve("o.zip").toString());
    assertThat(pg.exit()).isEqualTo(2);
    assertThat(pg.err()).contains("pg_dump");
  }
}
