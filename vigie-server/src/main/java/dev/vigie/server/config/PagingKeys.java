package dev.vigie.server.config;

import java.util.Map;
import java.util.Set;

/**
 * The keys of the {@code paging} section (docs/paging.md) and its mappings, checked by {@link
 * KnownKeys} like the server's own sections; the lists inside (people, levels, triggers, overrides)
 * and the channels are checked by {@code PagingConfig}.
 */
public final class PagingKeys {
  public static final Map<String, Set<String>> SECTIONS =
      Map.of(
          "paging",
          Set.of(
              "zone",
              "people",
              "rotation",
              "escalation",
              "triggers",
              "channels",
              "ack",
              "retry",
              "tickInterval",
              "httpTimeout"),
          "paging.rotation",
          Set.of("shift", "handover", "start", "members", "overrides"),
          "paging.escalation",
          Set.of("levels", "repeat"),
          "paging.ack",
          Set.of("secret", "ttl", "baseUrl"),
          "paging.retry",
          Set.of("initialDelay", "maxDelay", "maxAttempts"));

  private PagingKeys() {}
}
