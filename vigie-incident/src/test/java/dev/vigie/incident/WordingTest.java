package dev.vigie.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.timeline.TimelineEvent;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What Vigie writes into timelines for other stages' events, in both languages. */
class WordingTest {
  private static final Instant AT = Instant.parse("2024-09-23T06:45:00Z");

  static Stream<Arguments> events() {
    var contain =
        new TimelineEvent.Containment(AT, "machine:pbx", "pbx-acme", "drop SIP", "flood", "vigie");
    var release = new TimelineEvent.Release(AT, "machine:pbx", "pbx-acme", "alice");
    var threshold =
        new TimelineEvent.ThresholdChange(AT, null, "rps.critical", "200", "400", "bob");
    var probe = new TimelineEvent.ProbeResult(AT, null, "trunk-1", "DOWN", "408 timeout");
    var notify = new TimelineEvent.ClientNotification(AT, null, 12, "Incident résolu", "noc");
    return Stream.of(
        // containment is an ACTION
        Arguments.of(
            contain,
            Language.FR,
            TimelineSource.ACTION,
            "Isolement de pbx-acme (drop SIP) : flood"),
        Arguments.of(
            contain,
            Language.EN,
            TimelineSource.ACTION,
            "Containment of pbx-acme (drop SIP): flood"),
        // a release is an ACTION
        Arguments.of(
            release, Language.FR, TimelineSource.ACTION, "Levée de l’isolement de pbx-acme"),
        Arguments.of(
            release, Language.EN, TimelineSource.ACTION, "Containment lifted for pbx-acme"),
        // a threshold change is an ACTION (the seed's 08h10 row)
        Arguments.of(
            threshold,
            Language.FR,
            TimelineSource.ACTION,
            "Seuil rps.critical modifié : 200 → 400"),
        Arguments.of(
            threshold,
            Language.EN,
            TimelineSource.ACTION,
            "Threshold rps.critical changed: 200 → 400"),
        // a probe result is a PROBE
        Arguments.of(
            probe, Language.FR, TimelineSource.PROBE, "Sonde trunk-1 : DOWN — 408 timeout"),
        Arguments.of(probe, Language.EN, TimelineSource.PROBE, "Probe trunk-1: DOWN — 408 timeout"),
        // a client notification is a NOTIFICATION (the seed's 11h00 row)
        Arguments.of(
            notify,
            Language.FR,
            TimelineSource.NOTIFICATION,
            "Communication à 12 client(s) : Incident résolu"),
        Arguments.of(
            notify,
            Language.EN,
            TimelineSource.NOTIFICATION,
            "Notification sent to 12 client(s): Incident résolu"));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("events")
  void eventsAreWordedAndSourced(
      TimelineEvent e, Language lang, TimelineSource source, String text) {
    assertThat(new Wording(lang).event(e)).isEqualTo(text);
    assertThat(e.source()).isEqualTo(source);
  }
}
