import java.io.*; import java.nio.file.*; import java.sql.*; import java.util.*; import java.util.concurrent.atomic.*;
/**
 * H2 alone under kill: 4 threads insert single rows and append each acknowledged id to a file (a
 * write(2) per id, which survives the JVM's halt), the JVM halts itself after 100-600 ms; "check"
 * reopens the database and counts acknowledged ids that are missing. Usage (H2's jar on the class
 * path): {@code for i in $(seq 25); do java H2Kill.java /tmp/k ";WRITE_DELAY=0" run /tmp/ack; done;
 * java H2Kill.java /tmp/k "" check /tmp/ack}.
 */
public class H2Kill {
  // args: dbpath urlsuffix mode(run|check) ackfile
  public static void main(String[] a) throws Exception {
    String url = "jdbc:h2:file:" + a[0] + ";MODE=PostgreSQL" + a[1];
    Path ack = Path.of(a[3]);
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      c.createStatement().execute("CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, v VARCHAR(400))");
      if (a[2].equals("check")) {
        Set<Long> have = new HashSet<>();
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM t"); while (rs.next()) have.add(rs.getLong(1));
        int lost = 0, n = 0;
        if (Files.exists(ack)) for (String l : Files.readAllLines(ack)) { if (l.isBlank()) continue; n++; if (!have.contains(Long.parseLong(l.trim()))) lost++; }
        System.out.println("acked " + n + " lost " + lost); return;
      }
      ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(id),0) FROM t"); rs.next();
      AtomicLong next = new AtomicLong(rs.getLong(1) + 1_000_000);
      FileOutputStream out = new FileOutputStream(ack.toFile(), true);
      for (int w = 0; w < 4; w++) new Thread(() -> { try (Connection cc = DriverManager.getConnection(url, "", "")) {
        PreparedStatement ps = cc.prepareStatement("INSERT INTO t VALUES (?, ?)");
        while (true) { long id = next.incrementAndGet(); ps.setLong(1, id); ps.setString(2, "x".repeat(200)); ps.executeUpdate();
          byte[] b = (id + "\n").getBytes(); synchronized (out) { out.write(b); } }
      } catch (Exception e) {} }).start();
      Thread.sleep(100 + new Random().nextInt(400));
      Runtime.getRuntime().halt(0);
    }
  }
}
