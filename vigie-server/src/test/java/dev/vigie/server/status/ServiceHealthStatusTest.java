package dev.vigie.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * While a SERVICE_DEGRADED episode is open on a machine, the public status page shows the services
 * depending on it degraded (warning) or down (critical), and operational again once it recovers
 * (issue 12); the services not depending on it are untouched.
 */
class ServiceHealthStatusTest {
  private static Map<String, ComponentState> states(StatusBoard b) {
    return b.lines().stream()
        .collect(Collectors.toMap(StatusBoard.Line::id, StatusBoard.Line::state));
  }

  @Test
  void servicesOfADegradedMachineShowDegradedThenDownThenOperational() throws Exception {
    Catalog catalog = Catalog.load(Path.of("../examples/seed-platform-fixed.yaml"));
    StatusBoard board = new StatusBoard(catalog, InstantSource.fixed(Instant.EPOCH));
    assertThat(states(board).get("voip-acme")).isEqualTo(ComponentState.OPERATIONAL);

    board.serviceDegraded("pbx-acme", false);
    assertThat(states(board).get("voip-acme")).isEqualTo(ComponentState.DEGRADED_PERFORMANCE);
    assertThat(states(board).get("voip-boulangerie")).isEqualTo(ComponentState.OPERATIONAL);
    assertThat(states(board).get("dns")).isEqualTo(ComponentState.OPERATIONAL);

    board.serviceDegraded("pbx-acme", true);
    assertThat(states(board).get("voip-acme")).isEqualTo(ComponentState.MAJOR_OUTAGE);

    board.serviceRecovered("pbx-acme");
    assertThat(states(board).values()).containsOnly(ComponentState.OPERATIONAL);
  }

  @Test
  void aMachineUnknownToTheCatalogueChangesNothing() throws Exception {
    Catalog catalog = Catalog.load(Path.of("../examples/seed-platform-fixed.yaml"));
    StatusBoard board = new StatusBoard(catalog, InstantSource.fixed(Instant.EPOCH));
    board.serviceDegraded("trunk-lab", true);
    assertThat(states(board).values()).containsOnly(ComponentState.OPERATIONAL);
  }
}
