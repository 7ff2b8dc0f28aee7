package dev.vigie.incident;

import static dev.vigie.incident.IncidentStatus.CANCELLED;
import static dev.vigie.incident.IncidentStatus.CLOSED;
import static dev.vigie.incident.IncidentStatus.INVESTIGATING;
import static dev.vigie.incident.IncidentStatus.MITIGATED;
import static dev.vigie.incident.IncidentStatus.RESOLVED;
import static dev.vigie.incident.IncidentStatus.TRIAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every one of the 36 (from, to) pairs of the lifecycle, legal or not. */
class IncidentStatusTest {
  /** The legal moves, written out independently of the enum's table. */
  private static final Set<List<IncidentStatus>> LEGAL =
      Set.of(
          List.of(TRIAGE, INVESTIGATING), // work starts
          List.of(TRIAGE, MITIGATED), // contained before anyone investigated (auto-isolation)
          List.of(TRIAGE, RESOLVED), // went away by itself
          List.of(TRIAGE, CANCELLED), // false alarm
          List.of(INVESTIGATING, MITIGATED), // contained
          List.of(INVESTIGATING, RESOLVED), // fixed
          List.of(INVESTIGATING, CANCELLED), // false alarm found while investigating
          List.of(MITIGATED, INVESTIGATING), // containment did not hold
          List.of(MITIGATED, RESOLVED), // fixed
          List.of(RESOLVED, INVESTIGATING), // reopened
          List.of(RESOLVED, CLOSED)); // review done

  static Stream<Arguments> allPairs() {
    var out = new ArrayList<Arguments>();
    for (var from : IncidentStatus.values()) {
      for (var to : IncidentStatus.values()) {
        out.add(Arguments.of(from, to, LEGAL.contains(List.of(from, to))));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("allPairs")
  void transitionTable(IncidentStatus from, IncidentStatus to, boolean legal) {
    assertThat(from.canMoveTo(to)).isEqualTo(legal);
    var incident = incidentIn(from);
    var at = Instant.parse("2024-09-23T09:00:00Z");
    if (legal) {
      var moved = incident.moved(to, at);
      assertThat(moved.status()).isEqualTo(to);
      switch (to) {
        case MITIGATED -> assertThat(moved.mitigatedAt()).isEqualTo(at);
        case RESOLVED -> {
          assertThat(moved.resolvedAt()).isEqualTo(at);
          assertThat(moved.endedAt()).isEqualTo(at);
          assertThat(moved.mitigatedAt()).isNotNull();
        }
        case CLOSED, CANCELLED -> assertThat(moved.closedAt()).isEqualTo(at);
        case INVESTIGATING -> {
          if (from == RESOLVED) {
            assertThat(moved.resolvedAt()).isNull();
            assertThat(moved.endedAt()).isNull();
          }
        }
        case TRIAGE -> throw new AssertionError("no move leads back to TRIAGE");
      }
    } else {
      assertThatThrownBy(() -> incident.moved(to, at))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("IG-2024-09-23-001")
          .hasMessageContaining("cannot go from " + from + " to " + to);
    }
  }

  @ParameterizedTest
  @MethodSource("terminal")
  void terminalStatusesSayTheyAreFinal(IncidentStatus s) {
    assertThatThrownBy(() -> incidentIn(s).moved(INVESTIGATING, Instant.EPOCH))
        .hasMessageEndingWith("(" + s + " is final)");
  }

  static Stream<IncidentStatus> terminal() {
    return Stream.of(CLOSED, CANCELLED);
  }

  @ParameterizedTest
  @MethodSource("allPairs")
  void mitigationTimeIsKeptOnceSet(IncidentStatus from, IncidentStatus to, boolean legal) {
    if (!legal || from != MITIGATED) {
      return;
    }
    var mitigated = incidentIn(TRIAGE).moved(MITIGATED, Instant.parse("2024-09-23T08:45:00Z"));
    var later = mitigated.moved(to, Instant.parse("2024-09-23T10:00:00Z"));
    assertThat(later.mitigatedAt()).isEqualTo(Instant.parse("2024-09-23T08:45:00Z"));
  }

  static Incident incidentIn(IncidentStatus status) {
    return new Incident(
        1,
        "IG-2024-09-23-001",
        "t",
        IncidentSeverity.MAJOR,
        Priority.P1,
        status,
        Instant.parse("2024-09-23T05:40:00Z"),
        status == RESOLVED || status == CLOSED ? Instant.parse("2024-09-23T09:05:00Z") : null,
        null,
        null,
        status == RESOLVED || status == CLOSED ? Instant.parse("2024-09-23T09:05:00Z") : null,
        null,
        List.of(),
        null,
        null,
        List.of(),
        null,
        1);
  }

  @ParameterizedTest(name = "parse {0}")
  @MethodSource("badNames")
  void parseNamesTheBadValue(String value) {
    assertThatThrownBy(() -> IncidentStatus.parse("to", value))
        .isInstanceOf(InvalidIncidentException.class)
        .hasMessageStartingWith("to ")
        .hasMessageContaining("TRIAGE|INVESTIGATING|MITIGATED|RESOLVED|CLOSED|CANCELLED");
  }

  static Stream<String> badNames() {
    return Stream.of("", "done", "open", null);
  }
}
