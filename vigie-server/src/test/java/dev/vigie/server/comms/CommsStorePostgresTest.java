package dev.vigie.server.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.IncidentCatalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Wording;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.server.PostgresServer;
import dev.vigie.server.incident.JdbiIncidentStore;
import dev.vigie.server.incident.JdbiSequenceSource;
import dev.vigie.server.incident.Publications;
import dev.vigie.server.status.ComponentState;
import dev.vigie.server.status.StatusBoard;
import dev.vigie.server.status.StatusHistory;
import dev.vigie.server.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V12 on a real PostgreSQL server (the server's H2 tests run it on H2): drafts with their guarded
 * updates, public updates with an English text, and the status board's change log read back into
 * days, also by a new instance (a restart).
 */
class CommsStorePostgresTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static PostgresServer pg;
  private static Database db;

  @BeforeAll
  static void start() throws Exception {
    pg = PostgresServer.start();
    db = Database.open(pg.jdbcUrl(), pg.user(), "");
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
    if (pg != null) pg.close();
  }

  @Test
  void draftsAndEnglishUpdates() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    InstantSource clock = now::get;
    var store = new JdbiIncidentStore(db.jdbi(), clock);
    var service =
        new IncidentService(
            store,
            new IgNumbering(PARIS, new JdbiSequenceSource(db.jdbi())),
            clock,
            Wording.FRENCH,
            IncidentCatalog.NONE);
    var i =
        service.open(
            NewIncident.of(
                "Panne",
                now.get(),
                List.of("voip"),
                "Appels impossibles",
                null,
                IncidentSeverity.MAJOR),
            "noc");
    Drafts drafts = new Drafts(db.jdbi());
    var d = drafts.create(i.id(), PublicStatus.INVESTIGATING, "fr", "en", now.get(), "noc");
    assertThat(d.state()).isEqualTo(Drafts.State.DRAFT);
    assertThat(d.version()).isEqualTo(1);
    assertThat(drafts.save(d.id(), 0, PublicStatus.IDENTIFIED, "x", "y", now.get())).isFalse();
    assertThat(drafts.save(d.id(), 1, PublicStatus.IDENTIFIED, "Texte", "Text", now.get()))
        .isTrue();
    assertThat(drafts.markPublished(d.id(), 2, now.get(), "noc", 0)).isTrue();
    assertThat(drafts.markPublished(d.id(), 2, now.get(), "other", 0)).isFalse();
    assertThat(drafts.discard(d.id(), now.get())).isFalse();
    drafts.recordRecipients(d.id(), 3);
    var back = drafts.find(d.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(Drafts.State.PUBLISHED);
    assertThat(back.recipients()).isEqualTo(3);
    assertThat(back.textEn()).isEqualTo("Text");
    assertThat(back.publishedBy()).isEqualTo("noc");
    assertThat(drafts.of(i.id())).hasSize(1);

    Publications pubs = new Publications(db.jdbi());
    pubs.addUpdate(i.id(), now.get(), PublicStatus.IDENTIFIED, "Texte", "Text", "noc");
    pubs.addUpdate(i.id(), now.get().plusSeconds(60), PublicStatus.MONITORING, "Seul", "noc");
    var updates = pubs.updates(i.id());
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).text(false)).isEqualTo("Text");
    assertThat(updates.get(0).text(true)).isEqualTo("Texte");
    assertThat(updates.get(1).text(false)).isEqualTo("Seul");
  }

  @Test
  void theBoardsChangesBecomeDaysAcrossARestart() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    InstantSource clock = now::get;
    StatusBoard board = new StatusBoard(null, clock);
    new StatusHistory(db.jdbi(), board, clock, PARIS);
    board.declare("pg-voip", ComponentState.MAJOR_OUTAGE, null, "noc");
    now.set(now.get().plus(Duration.ofDays(1)));
    board.declare("pg-voip", ComponentState.OPERATIONAL, null, "noc");
    now.set(now.get().plus(Duration.ofDays(1)));
    // a restart: a new board (everything operational again) and a new history over the same log
    StatusBoard after = new StatusBoard(null, clock);
    after.declare("pg-voip", ComponentState.DEGRADED_PERFORMANCE, null, "noc");
    StatusHistory history = new StatusHistory(db.jdbi(), after, clock, PARIS);
    var days = history.days(after.lines(), List.of()).get("pg-voip");
    assertThat(days).hasSize(StatusHistory.DAYS);
    assertThat(days.get(89).date()).hasToString("2026-12-08");
    assertThat(days.get(89).state()).isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
    assertThat(days.get(88).state()).isEqualTo(ComponentState.MAJOR_OUTAGE);
    assertThat(days.get(87).state()).isEqualTo(ComponentState.MAJOR_OUTAGE);
    assertThat(days.get(86).state()).isEqualTo(ComponentState.OPERATIONAL);
  }
}
