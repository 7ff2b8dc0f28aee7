package dev.vigie.server.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the public status pages are built from, read once per change instead of once per request.
 *
 * <p>One {@link Build} holds the facts of every public page (the board's lines and support line,
 * the published incidents, the 90-day history): one set of queries serves {@code /status}, {@code
 * /status.json}, the Atom feeds and every client's page in both languages. Each page's body is
 * rendered once per build, per path, language and format, with its strong {@code ETag}.
 *
 * <p>A build is served until the first of:
 *
 * <ul>
 *   <li>{@link #invalidate()}: called after every write that can change a public fact (the status
 *       board's changes, the incident store's and the publications' writes), after its commit. The
 *       version is read before the facts are, so a build that raced a write carries the old version
 *       and the next request builds again: nothing written before a request is missed by it.
 *   <li>{@code cacheFor} has passed on the server's clock (whatever the invalidation cannot see,
 *       such as a write by another process sharing the database, shows within that bound);
 *   <li>the day changed in the provider's zone (the history bars end today).
 * </ul>
 *
 * <p>Concurrent requests that find no fresh build wait for one of them to build it (one set of
 * queries, not one per waiting request). When building fails (the database away) and a build
 * exists, the last one is served and the next attempt waits one second: the page that shows the
 * backup number keeps loading, and the broken database is not hammered by it. Thread-safe.
 */
final class StatusCache {
  private static final Logger LOG = LoggerFactory.getLogger(StatusCache.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** The public facts of one moment (what the pages show), read together. */
  record Facts(
      List<PublishedIncident> published,
      List<PublishedIncident> past,
      List<StatusBoard.Line> lines,
      StatusBoard.SupportLine support,
      Map<String, List<StatusHistory.Day>> days,
      Instant changedAt) {}

  /**
   * A rendered page in its two representations, each with its own strong entity tag (RFC 9110
   * §8.8.3: a strong tag names one representation, so the gzip one differs): the bytes, and the
   * bytes gzipped once here rather than by the HTTP server at every request.
   */
  record Body(byte[] bytes, String etag, byte[] gzip, String gzipEtag) {
    static Body of(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      String tag = StatusCache.etag(b);
      return new Body(b, tag, StatusCache.gzip(b), tag.substring(0, tag.length() - 1) + "-gz\"");
    }
  }

  private static byte[] gzip(byte[] b) {
    var out = new java.io.ByteArrayOutputStream(b.length / 4 + 64);
    try (var z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Whether an {@code Accept-Encoding} header accepts gzip (named or {@code *}, q above 0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) return false;
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.split(";");
      String coding = p[0].strip().toLowerCase(java.util.Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) continue;
      boolean refused = false;
      for (int i = 1; i < p.length; i++) {
        String q = p[i].strip().toLowerCase(java.util.Locale.ROOT);
        if (q.startsWith("q=")) {
          try {
            refused = Double.parseDouble(q.substring(2).strip()) <= 0;
          } catch (NumberFormatException e) {
            refused = true;
          }
        }
      }
      if (!refused) return true;
    }
    return false;
  }

  /** One build: the facts, when they were read, and the bodies rendered from them. */
  static final class Build {
    final long version;
    final Instant builtAt;
    // cacheFor after builtAt, or the start of the next day in the provider's zone if sooner
    final Instant freshUntil;
    final Facts facts;
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();

    Build(long version, Instant builtAt, Instant freshUntil, Facts facts) {
      this.version = version;
      this.builtAt = builtAt;
      this.freshUntil = freshUntil;
      this.facts = facts;
    }

    /** The body of one page (path, language, format), rendered at its first request. */
    Body body(String key, Function<Build, String> render) {
      return bodies.computeIfAbsent(key, k -> Body.of(render.apply(this)));
    }
  }

  private final Supplier<Facts> loader;
  private final InstantSource clock;
  private final ZoneId zone;
  private final Duration cacheFor;
  private final AtomicLong version = new AtomicLong();
  private final Object lock = new Object();
  private final AtomicLong builds = new AtomicLong();
  private final Counter failures;
  private volatile Build current;
  private volatile Instant retryAt = Instant.MIN;

  StatusCache(
      Supplier<Facts> loader,
      InstantSource clock,
      ZoneId zone,
      Duration cacheFor,
      MeterRegistry metrics) {
    this.loader = loader;
    this.clock = clock;
    this.zone = zone;
    this.cacheFor = cacheFor;
    if (metrics != null) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "vigie_status_page_builds_total", builds, AtomicLong::get)
          .description("reads of the public status pages' facts from the board and the database")
          .register(metrics);
      failures =
          Counter.builder("vigie_status_page_build_failures_total")
              .description("status page builds that failed (the last page was served instead)")
              .register(metrics);
    } else {
      failures = null;
    }
  }

  /** Something public may have changed: the next request reads the facts again. */
  void invalidate() {
    version.incrementAndGet();
  }

  /** Builds so far. */
  long builds() {
    return builds.get();
  }

  /** The current build, made now if none is fresh. */
  Build get() {
    Build b = current;
    if (fresh(b, clock.instant())) return b;
    synchronized (lock) {
      Instant now = clock.instant();
      b = current;
      if (fresh(b, now)) return b;
      if (b != null && now.isBefore(retryAt)) return b;
      long v = version.get(); // before the reads: a write during them makes this build stale
      try {
        Instant nextDay = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        Instant until = now.plus(cacheFor);
        Build n = new Build(v, now, until.isBefore(nextDay) ? until : nextDay, loader.get());
        builds.incrementAndGet();
        current = n;
        return n;
      } catch (RuntimeException e) {
        if (b == null) throw e;
        if (failures != null) failures.increment();
        retryAt = now.plus(RETRY);
        LOG.warn(
            "status page: facts not read ({}); serving the page built at {}",
            e.getMessage(),
            b.builtAt);
        return b;
      }
    }
  }

  private boolean fresh(Build b, Instant now) {
    // the day's end is in freshUntil: no conversion to the zone per request
    return b != null
        && b.version == version.get()
        && !now.isBefore(b.builtAt)
        && now.isBefore(b.freshUntil);
  }

  /** A strong entity tag: the first 128 bits of the body's SHA-256, base64url, quoted. */
  static String etag(byte[] body) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16))
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /**
   * Whether an {@code If-None-Match} header names this tag (RFC 9110 §13.1.2: weak comparison, a
   * list of tags, or {@code *}).
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) return false;
    for (String t : ifNoneMatch.split(",")) {
      String s = t.strip();
      if (s.equals("*")) return true;
      if (s.startsWith("W/")) s = s.substring(2);
      if (s.equals(etag)) return true;
    }
    return false;
  }
}
