package dev.vigie.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sign-in attempt accounting, per (user, address) pair and per address, with growing delays.
 *
 * <p>{@link #admit} is one atomic step: it either refuses (with how long to wait) or admits the
 * attempt <em>and counts it as a failure already</em>; {@link #succeeded} then clears the pair.
 * Checking and recording cannot be interleaved by parallel requests, so twelve parallel wrong
 * passwords get {@value #FREE_PER_PAIR} password checks, not twelve. The password (PBKDF2) is
 * checked only for an admitted attempt: a refused one costs the server nothing.
 *
 * <p>Delays: a pair may fail {@value #FREE_PER_PAIR} times freely; after the n-th failure beyond
 * that, the next attempt waits 2^(n-1) seconds (1 s, 2 s, 4 s, ... at most 15 minutes). An address
 * gets {@value #FREE_PER_ADDRESS} free failures over all user names (password spraying), then the
 * same growth. Records are forgotten {@link #FORGET} after their last failure. A user locked from
 * one address can still sign in from an address that has not failed: there is no per-user lock that
 * a stranger could hold forever.
 *
 * <p>Memory is bounded: at most {@value #MAX_KEYS} records, least recently used evicted first.
 * Thread-safe (one lock; O(1) per call).
 */
public final class SignInLimiter {
  static final int FREE_PER_PAIR = 3;
  static final int FREE_PER_ADDRESS = 20;
  static final int MAX_KEYS = 10_000;
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final Duration FORGET = Duration.ofMinutes(30);
  private final InstantSource clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private final LongAdder admitted = new LongAdder();
  private final LongAdder refused = new LongAdder();

  private static final class Entry {
    int failures;
    Instant last;
    Instant notBefore = Instant.EPOCH;
  }

  public SignInLimiter(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * Admits an attempt (returns zero and counts it as a failure until {@link #succeeded}), or
   * refuses it (returns how long to wait; nothing is counted).
   */
  public synchronized Duration admit(String address, String user) {
    Instant now = clock.instant();
    String pair = pair(address, user);
    String addr = "ip:" + norm(address);
    Duration wait = max(wait(pair, now), wait(addr, now));
    if (!wait.isZero()) {
      refused.increment();
      return wait;
    }
    fail(pair, now, FREE_PER_PAIR);
    fail(addr, now, FREE_PER_ADDRESS);
    admitted.increment();
    return Duration.ZERO;
  }

  /** The admitted attempt was right: the pair's record goes (the address keeps its own). */
  public synchronized void succeeded(String address, String user) {
    entries.remove(pair(address, user));
    Entry a = entries.get("ip:" + norm(address));
    if (a != null && a.failures > 0) {
      a.failures--;
      a.notBefore = a.last.plus(delay(a.failures, FREE_PER_ADDRESS));
    }
  }

  /** Attempts admitted so far (each one a password check). */
  public long admitted() {
    return admitted.sum();
  }

  /** Attempts refused so far (no password check). */
  public long refused() {
    return refused.sum();
  }

  private Duration wait(String key, Instant now) {
    Entry e = entries.get(key);
    if (e == null) return Duration.ZERO;
    if (!now.isBefore(e.last.plus(FORGET))) {
      entries.remove(key);
      return Duration.ZERO;
    }
    return now.isBefore(e.notBefore) ? Duration.between(now, e.notBefore) : Duration.ZERO;
  }

  private void fail(String key, Instant now, int free) {
    Entry e = entries.computeIfAbsent(key, k -> new Entry());
    e.failures++;
    e.last = now;
    e.notBefore = now.plus(delay(e.failures, free));
    if (entries.size() > MAX_KEYS) {
      Iterator<String> it = entries.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  /** The wait after {@code failures} failures: none up to {@code free}, then 1 s doubling. */
  static Duration delay(int failures, int free) {
    int over = failures - free;
    if (over < 0) return Duration.ZERO;
    if (over >= 10) return MAX_DELAY; // 2^10 s > 15 min
    Duration d = Duration.ofSeconds(1L << over);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String pair(String address, String user) {
    return "pair:" + norm(user) + "\u0000" + norm(address);
  }

  private static String norm(String v) {
    return v == null ? "" : v.toLowerCase(Locale.ROOT);
  }
}
