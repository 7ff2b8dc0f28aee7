package dev.vigie.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sign-in rate limit, per client address and per user name: {@value #ALLOWED} failed attempts in a
 * minute, then the key is locked for one minute, doubling on each further lock (capped at 15
 * minutes). A success clears the user's and the address's record. While locked, every attempt is
 * refused before the password is even checked (the answer is 429 with Retry-After).
 *
 * <p>Memory is bounded: at most {@value #MAX_KEYS} keys, the oldest evicted first (an attacker
 * spraying addresses only forgets their own old records). Thread-safe (one lock; O(1) per call).
 */
public final class SignInLimiter {
  static final int ALLOWED = 5;
  static final int MAX_KEYS = 10_000;
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private static final Duration MAX_LOCK = Duration.ofMinutes(15);
  private final InstantSource clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

  private static final class Entry {
    Instant windowStart;
    int failures;
    int locks;
    Instant lockedUntil = Instant.EPOCH;
  }

  public SignInLimiter(InstantSource clock) {
    this.clock = clock;
  }

  /** Zero when the address and the user may try now, else how long to wait. */
  public synchronized Duration retryAfter(String address, String user) {
    Instant now = clock.instant();
    Duration a = wait(key("ip", address), now);
    Duration u = wait(key("user", user), now);
    return a.compareTo(u) >= 0 ? a : u;
  }

  public synchronized void failed(String address, String user) {
    Instant now = clock.instant();
    fail(key("ip", address), now);
    fail(key("user", user), now);
  }

  public synchronized void succeeded(String address, String user) {
    entries.remove(key("ip", address));
    entries.remove(key("user", user));
  }

  private Duration wait(String key, Instant now) {
    Entry e = entries.get(key);
    if (e == null || !now.isBefore(e.lockedUntil)) return Duration.ZERO;
    return Duration.between(now, e.lockedUntil);
  }

  private void fail(String key, Instant now) {
    Entry e = entries.computeIfAbsent(key, k -> new Entry());
    if (e.windowStart == null || !now.isBefore(e.windowStart.plus(WINDOW))) {
      e.windowStart = now;
      e.failures = 0;
    }
    e.failures++;
    if (e.failures >= ALLOWED) {
      Duration lock = WINDOW.multipliedBy(1L << Math.min(e.locks, 4));
      e.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
      e.locks++;
      e.failures = 0;
      e.windowStart = null;
    }
    if (entries.size() > MAX_KEYS) {
      Iterator<String> it = entries.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  private static String key(String kind, String v) {
    return kind + ":" + (v == null ? "" : v.toLowerCase(java.util.Locale.ROOT));
  }
}
