package dev.vigie.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.catalog.Catalog;
import dev.vigie.probe.sip.SipProber;
import dev.vigie.server.Json;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.recovery.PlatformMetricsCheck.MetricState;
import dev.vigie.server.recovery.PlatformMetricsCheck.Reading;
import dev.vigie.server.recovery.RecoveryRun.CheckKind;
import dev.vigie.server.recovery.RecoveryRun.CheckState;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The checks of a machine without SIP (no address, no probe): the platform metrics seam and the
 * registrations decide, each in words from the bundles; the settings refuse bad values by name.
 */
class RecoveryChecksTest {
  static final Instant NOW = Instant.parse("2024-09-23T07:12:00Z"); // 09h12 in Paris

  @Test
  void metricsAndRegistrationsDecideAndReadAsWords() throws Exception {
    Catalog catalog =
        Catalog.parse(
            """
            machines:
              - {id: pbx-acme, addresses: [], client: acme, role: pbx}
            clients:
              - {id: acme, name: ACME, services: []}
            """);
    AtomicReference<PlatformMetricsCheck.Result> metrics =
        new AtomicReference<>(
            new PlatformMetricsCheck.Result(
                true,
                List.of(
                    new Reading("disk write MB/s", 182.5, 150, MetricState.BLOCKING),
                    new Reading("packets/s", 900, 20000, MetricState.OK))));
    RegistrationWatch watch = new RegistrationWatch(null);
    watch.record(NOW.minusSeconds(7200), Map.of("pbx-acme", 43));
    watch.record(NOW, Map.of("pbx-acme", 12));
    RecoveryChecks checks =
        new RecoveryChecks(
            catalog,
            List.of(),
            new SipProber(InstantSource.fixed(NOW)),
            id -> metrics.get(),
            watch,
            RecoverySettings.defaults(),
            InstantSource.fixed(NOW));
    RecoveryWords fr = new RecoveryWords(new Texts(Lang.FR, ZoneId.of("Europe/Paris")));

    var first = checks.run("pbx-acme");
    assertThat(first)
        .extracting(RecoveryRun.Check::kind, RecoveryRun.Check::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CheckKind.METRICS, CheckState.FAIL),
            org.assertj.core.groups.Tuple.tuple(CheckKind.SIP, CheckState.NOT_CONFIGURED),
            org.assertj.core.groups.Tuple.tuple(CheckKind.REGISTRATIONS, CheckState.FAIL),
            org.assertj.core.groups.Tuple.tuple(CheckKind.CLIENT_PROXY, CheckState.NOT_CONFIGURED));
    assertThat(fr.summary(first, id -> "ACME"))
        .isEqualTo(
            "au-dessus des seuils de blocage : disk write MB/s 182,5 pour un seuil de 150,"
                + " 12/43 postes enregistrés");

    // the platform settles and the phones come back: 41 of 43 is back (90 %)
    metrics.set(
        new PlatformMetricsCheck.Result(
            true, List.of(new Reading("disk write MB/s", 40, 150, MetricState.WARNING))));
    watch.record(NOW, Map.of("pbx-acme", 41));
    var second = checks.run("pbx-acme");
    assertThat(second.get(0).state()).isEqualTo(CheckState.PASS);
    assertThat(second.get(2).state()).isEqualTo(CheckState.PASS);
    assertThat(fr.summary(second, id -> "ACME"))
        .isEqualTo("métriques sous les seuils, 41/43 postes enregistrés");
    assertThat(fr.hour(NOW)).isEqualTo("09h12");
    RecoveryWords en = new RecoveryWords(new Texts(Lang.EN, ZoneId.of("Europe/Paris")));
    assertThat(en.summary(second, id -> "ACME"))
        .isEqualTo("metrics under thresholds, 41/43 phones registered");

    // no poller wired: "not configured", neither a pass nor a failure
    assertThat(PlatformMetricsCheck.NOT_CONFIGURED.check("pbx-acme").configured()).isFalse();
    RecoveryChecks unwired =
        new RecoveryChecks(
            catalog,
            List.of(),
            new SipProber(InstantSource.fixed(NOW)),
            PlatformMetricsCheck.NOT_CONFIGURED,
            watch,
            RecoverySettings.defaults(),
            InstantSource.fixed(NOW));
    assertThat(unwired.run("pbx-acme").getFirst().state()).isEqualTo(CheckState.NOT_CONFIGURED);
  }

  @Test
  void settingsRefuseBadValuesByName() throws Exception {
    JsonNode ok = Json.yaml().readTree("recovery: {recheckInterval: 5s, registrationsPercent: 80}");
    RecoverySettings s = RecoverySettings.from(ok);
    assertThat(s.recheckInterval().toSeconds()).isEqualTo(5);
    assertThat(s.registrationsShare()).isEqualTo(0.8);
    assertThat(RecoverySettings.from(Json.yaml().readTree("{}")))
        .isEqualTo(RecoverySettings.defaults());
    JsonNode bad =
        Json.yaml()
            .readTree(
                "recovery: {recheckInterval: 100ms, maxChecks: 0, sipTimeout: 1m, colour: red}");
    assertThatThrownBy(() -> RecoverySettings.from(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("recovery.recheckInterval")
        .hasMessageContaining("recovery.maxChecks")
        .hasMessageContaining("recovery.sipTimeout")
        .hasMessageContaining("recovery.colour: unknown key");
  }
}
