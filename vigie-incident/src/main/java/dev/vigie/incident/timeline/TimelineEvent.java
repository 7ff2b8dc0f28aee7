package dev.vigie.incident.timeline;

import java.time.Instant;

/**
 * Something another stage did that belongs in an incident's timeline: containment (vigie-contain),
 * probes (vigie-probe), client notifications. The service words it ({@code Wording}) and appends it
 * with its {@link #source()} to the open incident of {@link #correlationKey()} (or to a given
 * incident).
 */
public sealed interface TimelineEvent {
  /** When it happened. */
  Instant at();

  /** {@code machine:ID} or {@code group:ID} of the incident it belongs to; null if none. */
  String correlationKey();

  /** Who did it (operator, "vigie"…), may be null. */
  String author();

  /** The timeline source it is recorded under. */
  default TimelineSource source() {
    return switch (this) {
      case Containment c -> TimelineSource.ACTION;
      case Release r -> TimelineSource.ACTION;
      case ThresholdChange t -> TimelineSource.ACTION;
      case ProbeResult p -> TimelineSource.PROBE;
      case ClientNotification n -> TimelineSource.NOTIFICATION;
    };
  }

  /** A target was isolated or blocked (e.g. nftables drop of a machine's outbound SIP). */
  record Containment(
      Instant at, String correlationKey, String target, String action, String reason, String author)
      implements TimelineEvent {}

  /** A containment was lifted. */
  record Release(Instant at, String correlationKey, String target, String author)
      implements TimelineEvent {}

  /** A blocking threshold changed (the seed's 08h10 "Augmentation des valeurs des blocages"). */
  record ThresholdChange(
      Instant at,
      String correlationKey,
      String setting,
      String oldValue,
      String newValue,
      String author)
      implements TimelineEvent {}

  /** A probe saw a component change state. */
  record ProbeResult(
      Instant at, String correlationKey, String component, String status, String detail)
      implements TimelineEvent {
    @Override
    public String author() {
      return "probe";
    }
  }

  /** Clients were notified. */
  record ClientNotification(
      Instant at, String correlationKey, int recipients, String subject, String author)
      implements TimelineEvent {}
}
