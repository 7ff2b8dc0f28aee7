package dev.vigie.incident.obligation;

import static dev.vigie.incident.TestClock.paris;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.Wording;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.store.InMemoryIncidentStore;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reminders fire once each, at the right moments, on a test clock. */
class ReminderWatchTest {
  /** A catalogue of two clients with their users. */
  static final IncidentCatalog CATALOG =
      new IncidentCatalog() {
        @Override
        public Optional<AffectedClient> client(String nameOrId) {
          return switch (nameOrId) {
            case "acme" -> Optional.of(new AffectedClient("Acme Transports", "acme"));
            case "mairie" -> Optional.of(new AffectedClient("Mairie", "mairie"));
            default -> Optional.empty();
          };
        }

        @Override
        public List<AffectedClient> clientsOf(String machineId) {
          return List.of();
        }

        @Override
        public Optional<String> groupOf(String machineId) {
          return Optional.empty();
        }

        @Override
        public long users(String catalogId) {
          return catalogId.equals("acme") ? 120 : 60;
        }

        @Override
        public long totalUsers() {
          return 200;
        }
      };

  private final TestClock clock = new TestClock(paris("2024-09-23T07:45:00"));
  private final IncidentService incidents =
      new IncidentService(
          new InMemoryIncidentStore(clock),
          IgNumbering.paris(new InMemorySequenceSource()),
          clock,
          Wording.FRENCH,
          CATALOG);
  private final InMemoryObligationStore store = new InMemoryObligationStore();
  private final ObligationService service =
      new ObligationService(
          incidents,
          store,
          CATALOG,
          ObligationSettings.defaults(ZoneId.of("Europe/Paris"), "Opérateur"),
          clock);
  private final List<String> sent = new ArrayList<>();
  private final ReminderWatch watch =
      new ReminderWatch(service, store, (i, key, subject, text) -> sent.add(key), null);

  private long openSeed() {
    var req =
        new NewIncident(
            "Téléphonie indisponible",
            paris("2024-09-23T07:40:00"),
            List.of("Téléphonie IP 3CX"),
            null,
            null,
            IncidentSeverity.CRITICAL,
            null,
            paris("2024-09-23T07:40:00"),
            List.of("acme", "mairie"),
            null);
    long id = incidents.open(req, "noc").id();
    service.editImpact(
        id,
        new Impact(
            paris("2024-09-23T07:40:00"),
            paris("2024-09-23T11:05:00"),
            null,
            null,
            null,
            null,
            null,
            List.of()),
        "noc");
    return id;
  }

  @Test
  void clientNoticeDeadlineRemindersFireOnceEach() {
    long id = openSeed();
    assertThat(service.obligations(id, dev.vigie.incident.Language.FR).usersAffected())
        .isEqualTo(180);
    assertThat(watch.tick(clock.instant())).isEmpty(); // 5 min after detection
    clock.set(paris("2024-09-23T07:56:00")); // 16 min: nobody told
    assertThat(watch.tick(clock.instant()))
        .containsExactly(new ReminderWatch.Fired(id, "CLIENT_NOTICE"));
    assertThat(watch.tick(clock.instant())).isEmpty();
    clock.set(paris("2024-09-24T03:39:00")); // 4 h 1 min before the early warning
    assertThat(watch.tick(clock.instant())).isEmpty();
    clock.set(paris("2024-09-24T03:40:00"));
    assertThat(watch.tick(clock.instant()))
        .containsExactly(new ReminderWatch.Fired(id, "EARLY_WARNING:SOON"));
    clock.set(paris("2024-09-24T07:41:00"));
    assertThat(watch.tick(clock.instant()))
        .containsExactly(new ReminderWatch.Fired(id, "EARLY_WARNING:OVERDUE"));
    // submitted: nothing more about it; the notification's turn comes
    service.submit(id, ObligationKind.EARLY_WARNING, paris("2024-09-24T07:50:00"), "X", "noc");
    clock.set(paris("2024-09-26T07:00:00"));
    assertThat(watch.tick(clock.instant()))
        .containsExactly(new ReminderWatch.Fired(id, "NOTIFICATION:SOON"));
    assertThat(watch.tick(clock.instant())).isEmpty();
    assertThat(sent)
        .containsExactly(
            "nis2:" + id + ":CLIENT_NOTICE",
            "nis2:" + id + ":EARLY_WARNING:SOON",
            "nis2:" + id + ":EARLY_WARNING:OVERDUE",
            "nis2:" + id + ":NOTIFICATION:SOON");
    var lines =
        incidents.store().timeline(id).stream()
            .filter(e -> e.source() == TimelineSource.SYSTEM && e.refState() != null)
            .filter(e -> e.refState().startsWith("nis2:"))
            .map(e -> e.description())
            .toList();
    assertThat(lines)
        .containsExactly(
            "Rappel envoyé au NOC : aucun client informé 16 min après la détection (objectif 15"
                + " min)",
            "Rappel envoyé au NOC : alerte précoce à soumettre avant le 24/09/2024 07h40",
            "Rappel envoyé au NOC : alerte précoce en retard, due le 24/09/2024 07h40",
            "Rappel envoyé au NOC : notification d'incident à soumettre avant le 26/09/2024 07h40");
  }

  @Test
  void aClientNoticeInTimeStopsTheClientReminder() {
    long id = openSeed();
    clock.set(paris("2024-09-23T07:50:00"));
    incidents.addEntry(
        id, paris("2024-09-23T07:50:00"), "Appel aux clients", TimelineSource.NOTIFICATION, "noc");
    clock.set(paris("2024-09-23T08:30:00"));
    assertThat(watch.tick(clock.instant())).isEmpty();
    var o = service.obligations(id, dev.vigie.incident.Language.EN);
    assertThat(o.clientCommunication().minutesAfterAwareness()).isEqualTo(10);
    assertThat(o.clientCommunication().late()).isFalse();
  }

  @Test
  void aFiredReminderIsNotFiredAgainByANewWatchOnTheSameStore() {
    long id = openSeed();
    clock.set(paris("2024-09-24T07:41:00")); // the server was down: overdue at first sight
    assertThat(watch.tick(clock.instant()))
        .extracting(ReminderWatch.Fired::key)
        .containsExactly("EARLY_WARNING:OVERDUE", "CLIENT_NOTICE");
    var restarted = new ReminderWatch(service, store, (i, k, s, t) -> sent.add("again " + k), null);
    clock.advance(Duration.ofMinutes(5));
    assertThat(restarted.tick(clock.instant())).isEmpty();
    assertThat(sent).noneMatch(s -> s.startsWith("again"));
  }

  @Test
  void aProbedOutageGivesTheWindowsOnce() {
    var req =
        new NewIncident(
            "pbx-acme injoignable",
            paris("2024-09-23T07:40:00"),
            List.of(),
            null,
            null,
            IncidentSeverity.MAJOR,
            null,
            null,
            List.of("acme"),
            "component:pbx-acme");
    long id = incidents.open(req, "probe").id();
    service.onOutageStart(id, paris("2024-09-23T07:40:00"), true);
    service.onOutageStart(id, paris("2024-09-23T07:45:00"), true); // known: kept
    service.onOutageEnd(id, paris("2024-09-23T08:25:00"));
    var facts = service.impact(id);
    assertThat(facts.unavailableFrom()).isEqualTo(paris("2024-09-23T07:40:00"));
    assertThat(facts.unavailableUntil()).isEqualTo(paris("2024-09-23T08:25:00"));
    assertThat(facts.degradedFrom()).isNull();
    clock.set(paris("2024-09-23T09:00:00"));
    assertThat(service.obligations(id, dev.vigie.incident.Language.FR).significant()).isTrue();

    long other = openSeed();
    service.onOutageStart(other, paris("2024-09-23T09:00:00"), false); // not critical: degraded
    assertThat(service.impact(other).degradedFrom()).isEqualTo(paris("2024-09-23T09:00:00"));
    assertThat(service.impact(other).unavailableFrom()).isEqualTo(paris("2024-09-23T07:40:00"));
  }
}
