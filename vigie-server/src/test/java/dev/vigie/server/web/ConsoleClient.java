package dev.vigie.server.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client acting like a browser on the console (no redirect following). */
final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern PRE = Pattern.compile("name=\"_pre\" value=\"([^\"]+)\"");
  private final String base;
  private final HttpClient client;
  private String csrf;

  ConsoleClient(String base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Signs in; returns the answer to the POST (302 to /console on success). */
  HttpResponse<String> signIn(String name, String password) {
    String page = get("/login").body();
    Matcher m = PRE.matcher(page);
    if (!m.find()) throw new AssertionError("no _pre field on the sign-in page");
    return postRaw("/login", Map.of("_pre", m.group(1), "name", name, "password", password));
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) csrf = m.group(1);
    return r;
  }

  /** A form POST carrying the CSRF token of the last page read. */
  HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    if (csrf != null) all.put("_csrf", csrf);
    return postRaw(path, all);
  }

  HttpResponse<String> postRaw(String path, Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> {
      if (!sb.isEmpty()) sb.append('&');
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(sb.toString())));
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(
          b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> bytes(String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String csrf() {
    return csrf;
  }

  /** The server-side time of a response, from its Server-Timing header, in ms. */
  static double serverMillis(HttpResponse<?> r) {
    String h =
        r.headers()
            .firstValue("Server-Timing")
            .orElseThrow(() -> new AssertionError("no Server-Timing"));
    return Double.parseDouble(h.substring(h.indexOf("dur=") + 4));
  }
}
