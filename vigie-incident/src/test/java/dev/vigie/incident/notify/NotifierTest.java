package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotifierTest {
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final TestClock clock = new TestClock(Instant.parse("2024-09-23T05:50:00Z"));
  private final Notifier notifier = new Notifier(outbox, clock);

  @Test
  void enqueuesOnePendingNotificationPerAffectedAddressRenderedInItsLanguage() {
    Notifier.Report report =
        notifier.notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            Fixtures.AFFECTED,
            Fixtures.DIRECTORY);

    assertThat(report.enqueued())
        .extracting(n -> n.recipient().email(), Notification::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "it@acme.fr", "[IG-2024-09-23-001] Incident en cours – Téléphonie IP 3CX"),
            org.assertj.core.groups.Tuple.tuple(
                "ceo@acme.example", "[IG-2024-09-23-001] Incident in progress – Téléphonie IP 3CX"),
            org.assertj.core.groups.Tuple.tuple(
                "gerance@bistrot.fr", "[IG-2024-09-23-001] Incident en cours – Téléphonie IP 3CX"));
    assertThat(outbox.all())
        .allSatisfy(n -> {
          assertThat(n.state()).isEqualTo(NotificationState.PENDING);
          assertThat(n.nextAttempt()).isEqualTo(clock.instant());
          assertThat(n.incidentId()).isEqualTo("42");
          assertThat(n.incidentNumber()).isEqualTo("IG-2024-09-23-001");
        })
        .noneMatch(n -> n.recipient().clientId().equals("cabinet"));
  }

  @Test
  void theSameNoticeIsNeverEnqueuedTwice() {
    notifier.notify(
        NotificationType.INCIDENT_OPENED, Fixtures.opened(), Fixtures.AFFECTED, Fixtures.DIRECTORY);
    clock.advance(java.time.Duration.ofMinutes(5));

    Notifier.Report again =
        notifier.notify(
            NotificationType.INCIDENT_OPENED,
            Fixtures.opened(),
            Fixtures.AFFECTED,
            Fixtures.DIRECTORY);

    assertThat(again.enqueued()).isEmpty();
    assertThat(again.duplicates()).isEqualTo(3);
    assertThat(outbox.all()).hasSize(3);
  }

  @Test
  void distinctUpdatesAndANewResolutionAreNewNotices() {
    notifier.notify(
        NotificationType.INCIDENT_UPDATE,
        Fixtures.update("Première mise à jour"),
        Fixtures.AFFECTED,
        Fixtures.DIRECTORY);
    notifier.notify(
        NotificationType.INCIDENT_UPDATE,
        Fixtures.update("Seconde mise à jour"),
        Fixtures.AFFECTED,
        Fixtures.DIRECTORY);
    notifier.notify(
        NotificationType.INCIDENT_UPDATE,
        Fixtures.update("Seconde mise à jour"),
        Fixtures.AFFECTED,
        Fixtures.DIRECTORY);
    notifier.notify(
        NotificationType.INCIDENT_RESOLVED,
        Fixtures.resolved(),
        Fixtures.AFFECTED,
        Fixtures.DIRECTORY);
    IncidentFacts reResolved =
        Fixtures.incident(PublicStatus.RESOLVED, null, Fixtures.RESOLVED.plusSeconds(3600));
    notifier.notify(
        NotificationType.INCIDENT_RESOLVED,
        Fixtures.context(reResolved),
        Fixtures.AFFECTED,
        Fixtures.DIRECTORY);

    assertThat(outbox.all()).hasSize(3 * 4);
  }

  @Test
  void dedupKeyNamesTypeIncidentNoticeAndAddress() {
    Recipient r = Fixtures.recipient("acme", "IT@Acme.FR", Language.FR);

    assertThat(Notifier.dedupKey(NotificationType.INCIDENT_OPENED, Fixtures.opened(), r))
        .isEqualTo("INCIDENT_OPENED/IG-2024-09-23-001/opened/it@acme.fr");
    assertThat(Notifier.dedupKey(NotificationType.INCIDENT_RESOLVED, Fixtures.resolved(), r))
        .isEqualTo("INCIDENT_RESOLVED/IG-2024-09-23-001/resolved@2024-09-23T09:05:00Z/it@acme.fr");
    assertThat(
            Notifier.dedupKey(
                NotificationType.BACKUP_NUMBER_ANNOUNCEMENT, Fixtures.announcement(), r))
        .isEqualTo("BACKUP_NUMBER_ANNOUNCEMENT/-/0970001234/it@acme.fr");
  }

  @Test
  void anIncidentNoticeWithoutItsFactsIsRefusedBeforeAnythingIsEnqueued() {
    assertThatThrownBy(() ->
            notifier.notify(
                NotificationType.INCIDENT_RESOLVED,
                Fixtures.opened(),
                Fixtures.AFFECTED,
                Fixtures.DIRECTORY))
        .hasMessage("incident.resolvedAt: required for INCIDENT_RESOLVED");
    assertThat(outbox.all()).isEmpty();
  }
}
