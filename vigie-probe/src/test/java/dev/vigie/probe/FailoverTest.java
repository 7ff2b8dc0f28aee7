package dev.vigie.probe;

import static dev.vigie.probe.status.ComponentStatus.DOWN;
import static dev.vigie.probe.status.ComponentStatus.MAINTENANCE;
import static dev.vigie.probe.status.ComponentStatus.UNKNOWN;
import static dev.vigie.probe.status.ComponentStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.probe.failover.Failover;
import dev.vigie.probe.failover.FailoverDecision;
import dev.vigie.probe.failover.FailoverEvent;
import dev.vigie.probe.failover.FailoverReason;
import dev.vigie.probe.failover.NumberRoute;
import dev.vigie.probe.failover.RoutePath;
import dev.vigie.probe.status.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailoverTest {
  // the main number reaches the platform over two carriers, then the shared SBC and client proxy
  static final NumberRoute MAIN =
      new NumberRoute(
          "+33100000000",
          "+33900000000",
          List.of(
              new RoutePath("via carrier A", List.of("trunk-a", "sbc", "proxy-acme")),
              new RoutePath("via carrier B", List.of("trunk-b", "sbc", "proxy-acme"))));
  static final Instant T0 = Instant.parse("2024-09-23T09:58:00Z");

  static Map<String, ComponentStatus> statuses(Object... kv) {
    Map<String, ComponentStatus> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (ComponentStatus) kv[i + 1]);
    return m;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // nothing known: no evidence, no failover
        Arguments.of(statuses(), FailoverReason.ALL_PATHS_AVAILABLE, List.of()),
        Arguments.of(
            statuses("trunk-a", UP, "trunk-b", UNKNOWN, "sbc", UP),
            FailoverReason.ALL_PATHS_AVAILABLE,
            List.of()),
        // one carrier down: the other path carries calls
        Arguments.of(
            statuses("trunk-a", DOWN), FailoverReason.BACKUP_PATH_AVAILABLE, List.of("trunk-a")),
        // both carriers down
        Arguments.of(
            statuses("trunk-a", DOWN, "trunk-b", DOWN),
            FailoverReason.ALL_PATHS_DOWN,
            List.of("trunk-a", "trunk-b")),
        // a shared component down breaks every path (the seed's incident: the client proxy)
        Arguments.of(
            statuses("proxy-acme", DOWN), FailoverReason.ALL_PATHS_DOWN, List.of("proxy-acme")),
        // the SBC in maintenance (503) breaks every path
        Arguments.of(
            statuses("sbc", MAINTENANCE),
            FailoverReason.ALL_PATHS_UNAVAILABLE_MAINTENANCE,
            List.of("sbc")),
        // one carrier down, the other in maintenance
        Arguments.of(
            statuses("trunk-a", DOWN, "trunk-b", MAINTENANCE),
            FailoverReason.ALL_PATHS_UNAVAILABLE_MAINTENANCE,
            List.of("trunk-a", "trunk-b")),
        // an unrelated component down changes nothing
        Arguments.of(statuses("proxy-other", DOWN), FailoverReason.ALL_PATHS_AVAILABLE, List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decide(Map<String, ComponentStatus> s, FailoverReason reason, List<String> unavailable) {
    FailoverDecision d = Failover.decide(MAIN, s);

    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.active()).isEqualTo(reason.failover());
    assertThat(d.unavailableComponents()).isEqualTo(unavailable);
  }

  @Test
  void eventsAreEmittedOncePerChange() {
    Failover f = new Failover(List.of(MAIN));

    assertThat(f.updateDown(Set.of(), T0)).isEmpty();
    assertThat(f.updateDown(Set.of("trunk-a"), T0.plusSeconds(60))).isEmpty();
    List<FailoverEvent> on = f.updateDown(Set.of("proxy-acme"), T0.plusSeconds(120));
    assertThat(on).singleElement().isInstanceOf(FailoverEvent.Activated.class);
    assertThat(on.get(0).decision().route().backupNumber()).isEqualTo("+33900000000");
    assertThat(on.get(0).decision().reason()).isEqualTo(FailoverReason.ALL_PATHS_DOWN);
    // still active, other reason or components: no second activation
    assertThat(f.updateDown(Set.of("proxy-acme", "sbc"), T0.plusSeconds(180))).isEmpty();
    assertThat(f.update(statuses("sbc", MAINTENANCE), T0.plusSeconds(200))).isEmpty();
    assertThat(f.active())
        .singleElement()
        .extracting(FailoverDecision::reason)
        .isEqualTo(FailoverReason.ALL_PATHS_UNAVAILABLE_MAINTENANCE);

    List<FailoverEvent> off = f.updateDown(Set.of("trunk-b"), T0.plusSeconds(1920));
    assertThat(off)
        .singleElement()
        .isInstanceOfSatisfying(
            FailoverEvent.Deactivated.class,
            d -> {
              assertThat(d.lasted()).isEqualTo(Duration.ofSeconds(1800));
              assertThat(d.decision().reason()).isEqualTo(FailoverReason.BACKUP_PATH_AVAILABLE);
            });
    assertThat(f.updateDown(Set.of(), T0.plusSeconds(2000))).isEmpty();
    assertThat(f.active()).isEmpty();
  }

  @Test
  void badRoutesAreNamed() {
    assertThatThrownBy(
            () -> new NumberRoute("+331", "+331", List.of(new RoutePath("p", List.of("x")))))
        .hasMessageContaining("backupNumber: '+331' is the main number itself");
    assertThatThrownBy(() -> new NumberRoute("+331", "+339", List.of()))
        .hasMessageContaining("paths: number '+331' has no path");
    assertThatThrownBy(
            () -> new NumberRoute("+331", "+339", List.of(new RoutePath("p", List.of()))))
        .hasMessageContaining("paths[0].components: empty");
    assertThatThrownBy(() -> new Failover(List.of(MAIN, MAIN)))
        .hasMessageContaining("number: '+33100000000' is listed twice");
  }
}
