package dev.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.ServerFixture;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, sign-in: twelve wrong passwords sent in parallel over real HTTP get exactly three
 * password checks (the rest are refused with 429 before PBKDF2 runs: the server's own counter says
 * so), and the user they lock out from that address still signs in from another address. The
 * server's clock is frozen, so the delays never run out during the test.
 */
class SecurityPublicSignInTest {
  private static final Pattern PRE = Pattern.compile("name=\"_pre\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "the-right-password-42";

  @TempDir Path dir;

  @Test
  void parallelWrongPasswordsAreCountedAtomicallyAndOtherAddressesStillWork() throws Exception {
    InstantSource frozen = InstantSource.fixed(Instant.parse("2026-12-06T20:00:00Z"));
    Map<String, String> env =
        Map.of("VIGIE_API_TOKEN", ServerFixture.TOKEN, "VIGIE_ADMIN_PASSWORD", PASSWORD);
    try (var s = ServerFixture.start(dir, "", frozen, env)) {
      String base = "http://127.0.0.1:" + s.server().httpPort();
      int n = 12;
      List<Browser> browsers = new ArrayList<>();
      for (int i = 0; i < n; i++) browsers.add(new Browser(base, null).open());
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Browser b = browsers.get(i);
          String pw = "wrong-" + i;
          answers.add(
              pool.submit(() -> {
                go.await();
                return b.signIn("admin", pw).statusCode();
              }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) codes.add(f.get(60, TimeUnit.SECONDS));
        assertThat(codes.stream().filter(c -> c == 401).count()).as(codes.toString()).isEqualTo(3);
        assertThat(codes.stream().filter(c -> c == 429).count()).as(codes.toString()).isEqualTo(9);
      } finally {
        pool.shutdownNow();
      }
      String metrics = s.http().get("/metrics").body();
      assertThat(metrics)
          .as("PBKDF2 ran for the admitted attempts only")
          .contains("vigie_signin_attempts_total{outcome=\"admitted\"} 3.0")
          .contains("vigie_signin_attempts_total{outcome=\"refused\"} 9.0");

      var sameAddress = new Browser(base, null).open().signIn("admin", PASSWORD);
      assertThat(sameAddress.statusCode()).isEqualTo(429);
      assertThat(sameAddress.headers().firstValue("Retry-After")).isPresent();

      Browser elsewhere = new Browser(base, InetAddress.getByName("127.0.0.2")).open();
      var ok = elsewhere.signIn("admin", PASSWORD);
      assertThat(ok.statusCode()).as("from an address that has not failed").isEqualTo(302);
      assertThat(ok.headers().firstValue("Location")).hasValue("/console");
      assertThat(elsewhere.get("/console").statusCode()).isEqualTo(200);
    }
  }

  /** A cookie-keeping client bound to one local address. */
  private static final class Browser {
    private final String base;
    private final HttpClient client;
    private String pre;

    Browser(String base, InetAddress local) {
      this.base = base;
      var b =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(10));
      if (local != null) b.localAddress(local);
      this.client = b.build();
    }

    Browser open() throws Exception {
      Matcher m = PRE.matcher(get("/login").body());
      if (!m.find()) throw new AssertionError("no _pre field on the sign-in page");
      pre = m.group(1);
      return this;
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String name, String password) throws Exception {
      String form =
          "_pre="
              + pre
              + "&name="
              + URLEncoder.encode(name, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8);
      return client.send(
          HttpRequest.newBuilder(URI.create(base + "/login"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
