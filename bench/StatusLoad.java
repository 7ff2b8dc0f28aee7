import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded GET loop against one URL (bench/status-page.sh): THREADS threads, each sending its next
 * request when the last one is answered, for SECONDS seconds and at most MAX requests in all.
 * With "revalidate", each request carries the If-None-Match of the first answer (a reader's page
 * refreshing itself). Prints requests, requests/s and the answers by status code.
 *
 * <p>java bench/StatusLoad.java URL THREADS SECONDS MAX [revalidate]
 */
public class StatusLoad {
  public static void main(String[] a) throws Exception {
    URI uri = URI.create(a[0]);
    int threads = Integer.parseInt(a[1]);
    long seconds = Long.parseLong(a[2]);
    long max = Long.parseLong(a[3]);
    boolean revalidate = a.length > 4 && a[4].equals("revalidate");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String etag =
        client
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
            .headers()
            .firstValue("ETag")
            .orElse(null);
    AtomicLong budget = new AtomicLong(max);
    ConcurrentHashMap<Integer, LongAdder> codes = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long t0 = System.nanoTime();
    Thread[] ts = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      ts[i] =
          Thread.ofPlatform()
              .start(() -> {
                while (System.nanoTime() < end && budget.decrementAndGet() >= 0) {
                  HttpRequest.Builder b =
                      HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
                  if (revalidate && etag != null) b.header("If-None-Match", etag);
                  int code;
                  try {
                    code =
                        client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                  } catch (Exception e) {
                    code = -1;
                  }
                  codes.computeIfAbsent(code, k -> new LongAdder()).increment();
                }
              });
    }
    for (Thread t : ts) t.join();
    double s = (System.nanoTime() - t0) / 1e9;
    long n = codes.values().stream().mapToLong(LongAdder::sum).sum();
    System.out.printf("requests=%d\tseconds=%.2f\trps=%.0f\tcodes=%s%n", n, s, n / s, codes);
  }
}
