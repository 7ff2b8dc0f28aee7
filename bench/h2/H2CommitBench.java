import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost of a durable commit on H2: single-row INSERT transactions (autocommit, a row like a
 * timeline entry) with H2's default background write (WRITE_DELAY 500 ms) and with WRITE_DELAY=0
 * (what Vigie uses), by 1 and 4 threads. Prints one TSV line per case: mode, threads, commits,
 * seconds, commits/s, median and p99 latency in microseconds.
 *
 * <p>Run by bench/h2-commit.sh with H2's jar on the class path.
 */
public class H2CommitBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args.length > 0 ? args[0] : "3000");
    System.out.println("mode\tthreads\tcommits\tseconds\tcommits_per_s\tmedian_us\tp99_us");
    for (String mode : List.of("500", "0")) {
      for (int threads : new int[] {1, 4}) {
        Path dir = Files.createTempDirectory("h2bench");
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;WRITE_DELAY=" + mode;
        try (Connection c = DriverManager.getConnection(url, "", "")) {
          c.createStatement()
              .execute(
                  "CREATE TABLE entry (id BIGINT PRIMARY KEY, incident BIGINT, at TIMESTAMP,"
                      + " description VARCHAR(2000))");
          run(url, threads, n / 10); // warm-up
          long[] lat = new long[n];
          long t0 = System.nanoTime();
          run(url, threads, n, lat);
          double s = (System.nanoTime() - t0) / 1e9;
          Arrays.sort(lat);
          System.out.printf(
              "WRITE_DELAY=%s\t%d\t%d\t%.2f\t%.0f\t%d\t%d%n",
              mode, threads, n, s, n / s, lat[n / 2] / 1000, lat[(int) (n * 0.99)] / 1000);
        }
      }
    }
  }

  private static final AtomicInteger IDS = new AtomicInteger();

  private static void run(String url, int threads, int n) throws Exception {
    run(url, threads, n, new long[n]);
  }

  private static void run(String url, int threads, int n, long[] lat) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ts.add(
          Thread.ofPlatform()
              .start(() -> {
                try (Connection c = DriverManager.getConnection(url, "", "");
                    PreparedStatement ps =
                        c.prepareStatement("INSERT INTO entry VALUES (?, ?, CURRENT_TIMESTAMP, ?)")) {
                  int i;
                  while ((i = next.getAndIncrement()) < n) {
                    long t0 = System.nanoTime();
                    ps.setLong(1, IDS.incrementAndGet());
                    ps.setLong(2, i % 50);
                    ps.setString(3, "Constat " + i + " : vérifié par l'astreinte");
                    ps.executeUpdate();
                    lat[i] = System.nanoTime() - t0;
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (Thread t : ts) t.join();
  }
}
