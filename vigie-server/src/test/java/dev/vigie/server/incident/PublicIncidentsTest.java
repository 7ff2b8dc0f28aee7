package dev.vigie.server.incident;

import static dev.vigie.server.incident.ApiServer.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.server.status.PublishedIncident;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the status page gets from {@link IncidentModule#publicIncidents}. */
class PublicIncidentsTest {
  @TempDir Path dir;

  @Test
  void openAndRecentlyResolvedIncidentsWithPublicUpdatesOnly() {
    try (var s = ApiServer.h2(dir, "")) {
      var open = s.create("Appels externes coupés", T0).path("id").asLong();
      move(s, open, "INVESTIGATING", "2024-09-23T06:00:00Z");
      move(s, open, "MITIGATED", "2024-09-23T08:45:00Z");
      s.alice.post(
          "/api/v1/incidents/" + open + "/timeline",
          "{\"at\": \"2024-09-23T06:30:00Z\", \"description\": \"note interne : hyperviseur\"}");
      s.alice.post(
          "/api/v1/incidents/" + open + "/timeline",
          "{\"at\": \"2024-09-23T07:00:00Z\", \"description\": \"Clients informés par courriel\","
              + " \"source\": \"NOTIFICATION\"}");
      var cancelled = s.create("Fausse alerte", T0).path("id").asLong();
      move(s, cancelled, "CANCELLED", "2024-09-23T05:50:00Z");
      var old = s.create("Ancienne panne", T0.minus(Duration.ofDays(20))).path("id").asLong();
      move(s, old, "RESOLVED", T0.minus(Duration.ofDays(19)).toString());
      var recent = s.create("Panne d'hier", T0.minus(Duration.ofDays(1))).path("id").asLong();
      move(s, recent, "RESOLVED", T0.minus(Duration.ofHours(20)).toString());
      s.clock.set(T0.plus(Duration.ofHours(4)));

      var shown = s.module.publicIncidents();
      assertThat(shown)
          .extracting(PublishedIncident::title)
          .containsExactly("Appels externes coupés", "Panne d'hier");
      var first = shown.get(0);
      assertThat(first.active()).isTrue();
      assertThat(first.status()).isEqualTo(PublicStatus.MONITORING);
      assertThat(first.services()).containsExactly("Téléphonie IP 3CX");
      // status changes only: operators' notes and the record of sent notices stay internal
      assertThat(first.updates())
          .extracting(PublishedIncident.Update::status)
          .containsExactly(PublicStatus.INVESTIGATING, PublicStatus.MONITORING);
      assertThat(first.updates()).extracting(PublishedIncident.Update::text).containsOnlyNulls();
      assertThat(shown.get(1).active()).isFalse();
      assertThat(shown.get(1).status()).isEqualTo(PublicStatus.RESOLVED);
    }
  }

  private static void move(ApiServer s, long id, String to, String at) {
    // entered after the fact: the clock is past the time given (a time in the future is refused)
    var when = java.time.Instant.parse(at);
    if (s.clock.instant().isBefore(when)) s.clock.set(when.plusSeconds(60));
    var r =
        s.alice.post(
            "/api/v1/incidents/" + id + "/transitions",
            "{\"to\": \"" + to + "\", \"at\": \"" + at + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
