import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * What a kill -9 leaves after each commit, without killing anything: with WRITE_DELAY=0 a commit
 * has been written to the file when it returns and the JVM holds nothing the file lacks, so a copy
 * of the file taken right after a commit is what a process killed at that instant leaves behind.
 * For each of N commits (an INSERT of a new row, an UPDATE of an older one, autocommit), the file
 * is copied, the copy opened (H2's crash recovery: no clean shutdown) and checked for that commit.
 * RETENTION_TIME=0 lets H2 reuse the space of dead chunks at once (instead of after 45 s), so that
 * chunks land in reused space within a few dozen commits, as they do in a long-running server.
 *
 * <p>Prints one TSV line: H2 version, commits, copies missing their last commit, commits lost in
 * all, milliseconds. Run by bench/h2-crash-copy.sh with H2's jar on the class path.
 */
public class H2CrashCopy {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args.length > 0 ? args[0] : "300");
    Path dir = Files.createTempDirectory("h2crash");
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0";
    long t0 = System.nanoTime();
    int missing = 0;
    long lostCommits = 0;
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      c.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(4000))");
      PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
      PreparedStatement upd = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?");
      for (int i = 1; i <= n; i++) {
        ins.setLong(1, i);
        ins.setString(2, "x".repeat(1500));
        ins.executeUpdate();
        upd.setString(1, "y".repeat(1500) + i);
        upd.setLong(2, Math.max(1, i / 2));
        upd.executeUpdate();
        Path snap = Files.createTempDirectory("h2crash-copy");
        Files.copy(dir.resolve("db.mv.db"), snap.resolve("db.mv.db"));
        String copy = "jdbc:h2:file:" + snap.resolve("db") + ";MODE=PostgreSQL";
        try (Connection s = DriverManager.getConnection(copy, "", "");
            ResultSet rs = s.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM t")) {
          rs.next();
          if (rs.getLong(1) != i) {
            missing++;
            lostCommits += i - rs.getLong(1);
          }
        }
        try (var files = Files.list(snap)) {
          for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(snap);
      }
    }
    System.out.printf(
        "%s\t%d\t%d\t%d\t%d%n",
        org.h2.engine.Constants.FULL_VERSION.split(" ")[0],
        n,
        missing,
        lostCommits,
        (System.nanoTime() - t0) / 1_000_000);
  }
}
