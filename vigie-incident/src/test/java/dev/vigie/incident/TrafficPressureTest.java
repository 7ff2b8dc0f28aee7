package dev.vigie.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.incident.IncidentService.AlertDecision;
import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.store.InMemoryIncidentStore;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's causal chain (issue 12): a MACHINE_TRAFFIC and a PLATFORM_PRESSURE alert on the same
 * machine make one incident whose first row says that the machine's VoIP traffic drives it toward
 * the platform's write-blocking threshold, whichever alert comes first.
 */
class TrafficPressureTest {
  private static final String CAUSE_FR =
      "Le trafic VoIP de pbx-acme pousse la machine vers le seuil de blocage des écritures de la"
          + " plateforme";
  private final TestClock clock = new TestClock(TestClock.paris("2024-09-23T07:40:00"));

  private IncidentService service(Wording wording) {
    return new IncidentService(
        new InMemoryIncidentStore(clock),
        IgNumbering.paris(new InMemorySequenceSource()),
        clock,
        wording,
        IncidentCatalog.NONE);
  }

  private static Alert traffic(String machine, Instant at) {
    return new Alert(
        "MACHINE_TRAFFIC:-:" + machine + ":1",
        1,
        AlertKind.MACHINE_TRAFFIC,
        Severity.CRITICAL,
        null,
        machine,
        at.minusSeconds(5),
        at,
        at,
        machine + " originates 30 calls/s",
        Map.of("callsPerSecond", 30));
  }

  private static Alert pressure(String machine, Instant at, Severity sev, double value) {
    return new Alert(
        "PLATFORM_PRESSURE:-:" + machine + ":" + at.getEpochSecond(),
        sev == Severity.WARNING ? 1 : 2,
        AlertKind.PLATFORM_PRESSURE,
        sev,
        null,
        machine,
        at,
        at,
        at,
        "summary",
        Map.of(
            "metric",
            "diskWriteBytes",
            "value",
            value,
            "threshold",
            100_000_000.0,
            "fraction",
            value / 1e8,
            "percent",
            Math.round(value / 1e6),
            "warningFraction",
            0.8));
  }

  private static List<TimelineEntry> rows(IncidentService s, long id) {
    return s.store().timeline(id).stream().filter(e -> !e.isLifecycle()).toList();
  }

  @Test
  void trafficFirstThenPressure() {
    var s = service(Wording.FRENCH);
    var t = TestClock.paris("2024-09-23T07:35:00");
    var opened = s.onAlert(traffic("pbx-acme", t));
    assertThat(opened.decision()).isEqualTo(AlertDecision.OPENED);
    var joined = s.onAlert(pressure("pbx-acme", t.plusSeconds(60), Severity.WARNING, 85e6));
    assertThat(joined.decision()).isEqualTo(AlertDecision.ATTACHED);
    assertThat(joined.incident().id()).isEqualTo(opened.incident().id());

    var rows = rows(s, opened.incident().id());
    assertThat(rows.getFirst().description())
        .isEqualTo(
            CAUSE_FR
                + " (débit d’écriture disque (octets/s) à 85 % du seuil) — "
                + opened.entry().description());
    assertThat(rows.getFirst().history()).hasSize(1); // the original text is kept
    assertThat(rows.get(1).description())
        .isEqualTo(
            "pbx-acme approche un seuil de blocage de la plateforme : débit d’écriture disque"
                + " (octets/s) à 85 % du seuil (85\u202f000\u202f000 sur 100\u202f000\u202f000 ;"
                + " alerte dès 80 %)");

    // later revisions and a second episode do not state it again
    s.onAlert(pressure("pbx-acme", t.plusSeconds(60), Severity.CRITICAL, 101e6));
    s.onAlert(pressure("pbx-acme", t.plusSeconds(600), Severity.WARNING, 90e6));
    assertThat(rows(s, opened.incident().id()))
        .filteredOn(e -> e.description().contains("pousse la machine"))
        .hasSize(1);
  }

  @Test
  void pressureFirstThenTrafficInEnglish() {
    var s = service(new Wording(Language.EN));
    var t = TestClock.paris("2024-09-23T07:35:00");
    var opened = s.onAlert(pressure("pbx-acme", t, Severity.WARNING, 85e6));
    assertThat(opened.decision()).isEqualTo(AlertDecision.OPENED);
    assertThat(opened.incident().title()).isEqualTo("Platform pressure: pbx-acme");
    var joined = s.onAlert(traffic("pbx-acme", t.plusSeconds(30)));
    assertThat(joined.incident().id()).isEqualTo(opened.incident().id());
    assertThat(rows(s, opened.incident().id()).getFirst().description())
        .startsWith(
            "The VoIP traffic of pbx-acme is driving the machine toward the platform's"
                + " write-blocking threshold — pbx-acme is approaching a platform blocking"
                + " threshold");
  }

  @Test
  void otherMachinesAndEditedRowsAreLeftAlone() {
    var s = service(Wording.FRENCH);
    var t = TestClock.paris("2024-09-23T07:35:00");
    var acme = s.onAlert(traffic("pbx-acme", t));
    var globex = s.onAlert(pressure("pbx-globex", t, Severity.WARNING, 85e6));
    assertThat(globex.incident().id()).isNotEqualTo(acme.incident().id());
    assertThat(rows(s, globex.incident().id()))
        .noneMatch(e -> e.description().contains("pousse la machine"));

    // an operator rewrote acme's first row: Vigie appends the sentence instead of editing theirs
    var first = rows(s, acme.incident().id()).getFirst();
    s.editEntry(
        acme.incident().id(),
        first.id(),
        new EntryEdit(1, null, "burst seen by NOC", null, "nina"));
    s.onAlert(pressure("pbx-acme", t.plusSeconds(60), Severity.WARNING, 85e6));
    var rows = rows(s, acme.incident().id());
    assertThat(rows.getFirst().description()).isEqualTo("burst seen by NOC");
    assertThat(rows)
        .filteredOn(e -> TrafficPressure.REF.equals(e.ref()))
        .singleElement()
        .extracting(TimelineEntry::description)
        .asString()
        .startsWith(CAUSE_FR);
  }

  @Test
  void inAGroupsIncidentAnotherMachinesTrafficIsNoCause() {
    var s =
        new IncidentService(
            new InMemoryIncidentStore(clock),
            IgNumbering.paris(new InMemorySequenceSource()),
            clock,
            Wording.FRENCH,
            new IncidentCatalog() {
              @Override
              public java.util.Optional<AffectedClient> client(String nameOrId) {
                return java.util.Optional.empty();
              }

              @Override
              public List<AffectedClient> clientsOf(String machineId) {
                return List.of();
              }

              @Override
              public java.util.Optional<String> groupOf(String machineId) {
                return java.util.Optional.of("cluster-a");
              }
            });
    var t = TestClock.paris("2024-09-23T07:35:00");
    var opened = s.onAlert(traffic("pbx-acme", t));
    var joined = s.onAlert(pressure("pbx-globex", t.plusSeconds(60), Severity.WARNING, 85e6));
    assertThat(joined.incident().id()).isEqualTo(opened.incident().id());
    assertThat(rows(s, opened.incident().id()))
        .noneMatch(e -> e.description().contains("Le trafic VoIP"));
  }

  @Test
  void aResolvedPressureEpisodeWritesItsRecovery() {
    var s = service(Wording.FRENCH);
    var t = TestClock.paris("2024-09-23T07:35:00");
    var p = pressure("pbx-acme", t, Severity.WARNING, 85e6);
    s.onAlert(p);
    var evidence = new java.util.LinkedHashMap<>(p.evidence());
    evidence.put("recoveredAt", t.plusSeconds(120).toString());
    evidence.put("pressureSeconds", 120L);
    var closed =
        new Alert(
            p.id(),
            2,
            p.kind(),
            p.severity(),
            null,
            p.machine(),
            p.firstSeen(),
            p.detectedAt(),
            t.plusSeconds(120),
            p.summary(),
            evidence);
    assertThat(s.onResolved(closed).orElseThrow().description())
        .isEqualTo("pbx-acme repassé sous ses seuils de blocage de la plateforme après 120 s");
  }
}
