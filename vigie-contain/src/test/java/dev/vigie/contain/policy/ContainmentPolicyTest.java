package dev.vigie.contain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.contain.Alerts;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.contain.config.ActionCap;
import dev.vigie.contain.config.ContainmentConfig;
import dev.vigie.contain.config.MachinePolicy;
import dev.vigie.contain.config.Mode;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy table and the safeguards, one row per rule. */
class ContainmentPolicyTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  static ContainmentConfig config(String scenario) {
    ContainmentConfig c =
        ContainmentConfig.defaults()
            .withCap(new ActionCap(3, Duration.ofMinutes(5)))
            .withProtected(
                List.of(
                    Cidr.parse("203.0.113.0/24"), // carrier trunk
                    Cidr.parse("2001:db8:ffff::/48"), // carrier, IPv6
                    Cidr.parse("10.0.9.9"))) // Vigie's capture agent
            .withMachines(
                List.of(
                    MachinePolicy.askUntilReleased("pbx-acme", List.of(Cidr.parse("10.0.1.15"))),
                    new MachinePolicy(
                        "pbx-auto",
                        List.of(Cidr.parse("10.0.2.15")),
                        Mode.AUTO,
                        Duration.ofHours(2)),
                    new MachinePolicy(
                        "probe", List.of(Cidr.parse("10.0.9.0/28")), Mode.AUTO, null)));
    return switch (scenario) {
      case "dry-run", "dry-active+dry-run" -> c.withDryRun(true);
      case "flood-observed" ->
          c.withPolicy(c.policy().with(AlertKind.FLOOD, Severity.CRITICAL, Mode.OBSERVE));
      default -> c;
    };
  }

  static Isolation entry(String target, IsolationState state, String actor, Duration activatedAgo) {
    Target t =
        target.startsWith("machine:")
            ? new Target.Machine(target.substring(8), List.of(Cidr.parse("10.0.1.15")))
            : Target.Source.parse(target);
    Isolation p =
        Isolation.pending(
            target + "-" + state + "-" + activatedAgo,
            t,
            Reason.ISOLATE,
            "",
            null,
            NOW.minus(activatedAgo == null ? Duration.ofMinutes(1) : activatedAgo),
            Duration.ofMinutes(10),
            actor,
            false);
    if (state == IsolationState.PENDING_APPROVAL) {
      return p;
    }
    Isolation a = p.activate(NOW.minus(activatedAgo), actor, false);
    return state == IsolationState.ACTIVE ? a : a.end(state, NOW, actor);
  }

  static History history(String scenario) {
    List<Isolation> h = new ArrayList<>();
    Duration min = Duration.ofMinutes(1);
    switch (scenario) {
      case "active" -> h.add(entry("198.51.100.7", IsolationState.ACTIVE, "auto", min));
      case "pending" -> h.add(entry("198.51.100.7", IsolationState.PENDING_APPROVAL, "auto", null));
      case "cap-full", "cap-full+pending" -> {
        for (String s : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3")) {
          h.add(entry(s, IsolationState.ACTIVE, "auto", min));
        }
        if (scenario.endsWith("pending")) {
          h.add(entry("198.51.100.7", IsolationState.PENDING_APPROVAL, "auto", null));
        }
      }
      case "cap-old" -> {
        for (String s : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3")) {
          h.add(entry(s, IsolationState.EXPIRED, "auto", Duration.ofMinutes(6)));
        }
      }
      case "cap-by-operators" -> {
        for (String s : List.of("192.0.2.1", "192.0.2.2", "192.0.2.3")) {
          h.add(entry(s, IsolationState.ACTIVE, "alice", min));
        }
      }
      case "two-priors" -> {
        h.add(entry("198.51.100.7", IsolationState.EXPIRED, "auto", Duration.ofHours(3)));
        h.add(entry("198.51.100.7", IsolationState.RELEASED, "bob", Duration.ofHours(1)));
      }
      case "five-priors" -> {
        for (int i = 1; i <= 5; i++) {
          h.add(entry("198.51.100.7", IsolationState.EXPIRED, "auto", Duration.ofHours(i)));
        }
      }
      case "old-prior" ->
          h.add(entry("198.51.100.7", IsolationState.EXPIRED, "auto", Duration.ofHours(25)));
      case "expired-not-swept" ->
          h.add(entry("198.51.100.7", IsolationState.ACTIVE, "auto", Duration.ofMinutes(11)));
      case "dry-active", "dry-active+dry-run" ->
          h.add(
              entry("198.51.100.7", IsolationState.ACTIVE, "auto", min)
                  .activate(NOW.minus(min), "auto", true));
      case "machine-active" -> h.add(entry("machine:pbx-acme", IsolationState.ACTIVE, "auto", min));
      default -> {}
    }
    return new History(h);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # rule                                           | kind            | severity | source              | machine  | scenario          | reason           | duration | target
          scanners are contained automatically (warning)    | SCAN            | WARNING  | 198.51.100.7        | -        | none              | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          scanners are contained automatically (critical)   | SCAN            | CRITICAL | 198.51.100.7        | -        | none              | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          a guesser at warning is asked (office behind NAT) | BRUTE_FORCE     | WARNING  | 198.51.100.7        | -        | none              | ASK_OPERATOR     | PT10M    | 198.51.100.7
          a guesser at critical is contained                | BRUTE_FORCE     | CRITICAL | 198.51.100.7        | -        | none              | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          an enumerator at critical is contained            | ENUMERATION     | CRITICAL | 198.51.100.7        | -        | none              | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          a flood at critical is contained                  | FLOOD           | CRITICAL | 198.51.100.7        | -        | none              | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          a carrier trunk is never acted on                 | FLOOD           | CRITICAL | 203.0.113.5         | -        | none              | PROTECTED        | -        | 203.0.113.5
          the capture agent is never acted on               | SCAN            | CRITICAL | 10.0.9.9            | -        | none              | PROTECTED        | -        | 10.0.9.9
          a protected IPv6 /48 covers the source's /64      | SCAN            | CRITICAL | 2001:db8:ffff:1::5  | -        | none              | PROTECTED        | -        | 2001:db8:ffff:1::/64
          an IPv6 source is blocked as its /64              | SCAN            | CRITICAL | 2001:db8:77::1234   | -        | none              | ISOLATE_PROVEN   | PT10M    | 2001:db8:77::/64
          an aggregated IPv6 /64 source is blocked as is    | SCAN            | CRITICAL | 2001:db8:77::/64    | -        | none              | ISOLATE_PROVEN   | PT10M    | 2001:db8:77::/64
          a later revision of the same episode: dedup       | ENUMERATION     | CRITICAL | 198.51.100.7        | -        | active            | ALREADY_ISOLATED | -        | 198.51.100.7
          an active entry past its expiry does not count    | SCAN            | CRITICAL | 198.51.100.7        | -        | expired-not-swept | ISOLATE_PROVEN   | PT40M    | 198.51.100.7
          one pending request per target                    | BRUTE_FORCE     | WARNING  | 198.51.100.7        | -        | pending           | ALREADY_PENDING  | -        | 198.51.100.7
          escalation to critical promotes the pending entry | BRUTE_FORCE     | CRITICAL | 198.51.100.7        | -        | pending           | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          the cap turns AUTO into a question                | SCAN            | CRITICAL | 198.51.100.7        | -        | cap-full          | CAP_REACHED      | PT10M    | 198.51.100.7
          capped with a question already waiting            | SCAN            | CRITICAL | 198.51.100.7        | -        | cap-full+pending  | ALREADY_PENDING  | -        | 198.51.100.7
          the cap window slides: old actions do not count   | SCAN            | CRITICAL | 198.51.100.7        | -        | cap-old           | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          operators' actions do not count against the cap   | SCAN            | CRITICAL | 198.51.100.7        | -        | cap-by-operators  | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          third offence in 24 h: 10 min x4 x4               | SCAN            | CRITICAL | 198.51.100.7        | -        | two-priors        | ISOLATE_PROVEN   | PT2H40M  | 198.51.100.7
          escalation is capped at 24 h                      | SCAN            | CRITICAL | 198.51.100.7        | -        | five-priors       | ISOLATE_PROVEN   | PT24H    | 198.51.100.7
          an offence older than 24 h is forgotten           | SCAN            | CRITICAL | 198.51.100.7        | -        | old-prior         | ISOLATE_PROVEN   | PT10M    | 198.51.100.7
          a machine is asked by default                     | MACHINE_TRAFFIC | CRITICAL | -                   | pbx-acme | none              | ASK_OPERATOR     | -        | machine pbx-acme [10.0.1.15]
          a machine whose policy says auto is isolated      | MACHINE_TRAFFIC | CRITICAL | -                   | pbx-auto | none              | ISOLATE          | PT2H     | machine pbx-auto [10.0.2.15]
          the table's ASK caps the machine's AUTO           | MACHINE_TRAFFIC | WARNING  | -                   | pbx-auto | none              | ASK_OPERATOR     | PT2H     | machine pbx-auto [10.0.2.15]
          machine traffic's source is the victim: ignored   | MACHINE_TRAFFIC | CRITICAL | 198.51.100.7        | pbx-auto | none              | ISOLATE          | PT2H     | machine pbx-auto [10.0.2.15]
          a machine already isolated                        | MACHINE_TRAFFIC | CRITICAL | -                   | pbx-acme | machine-active    | ALREADY_ISOLATED | -        | machine pbx-acme [10.0.1.15]
          the cap also holds for machines                   | MACHINE_TRAFFIC | CRITICAL | -                   | pbx-auto | cap-full          | CAP_REACHED      | PT2H     | machine pbx-auto [10.0.2.15]
          a machine in a protected range is never isolated  | MACHINE_TRAFFIC | CRITICAL | -                   | probe    | none              | PROTECTED        | -        | machine probe [10.0.9.0/28]
          an unknown machine                                | MACHINE_TRAFFIC | CRITICAL | -                   | pbx-nope | none              | UNKNOWN_MACHINE  | -        | -
          machine traffic without a machine                 | MACHINE_TRAFFIC | CRITICAL | -                   | -        | none              | NO_TARGET        | -        | -
          a distributed flood has no source to block        | FLOOD           | CRITICAL | -                   | pbx-acme | none              | NO_TARGET        | -        | -
          a source that is not an address                   | SCAN            | CRITICAL | not-an-ip           | -        | none              | NO_TARGET        | -        | -
          a wider IPv4 prefix is not a source block         | SCAN            | CRITICAL | 198.51.100.0/24     | -        | none              | NO_TARGET        | -        | -
          toll fraud from a source is asked                 | TOLL_FRAUD      | CRITICAL | 198.51.100.7        | pbx-auto | none              | ASK_OPERATOR     | PT10M    | 198.51.100.7
          toll fraud without a source: the machine, asked   | TOLL_FRAUD      | CRITICAL | -                   | pbx-auto | none              | ASK_OPERATOR     | PT2H     | machine pbx-auto [10.0.2.15]
          dry-run decides the same but applies nothing      | SCAN            | CRITICAL | 198.51.100.7        | -        | dry-run           | DRY_RUN          | PT10M    | 198.51.100.7
          dry-run still never touches a protected range     | SCAN            | CRITICAL | 203.0.113.5         | -        | dry-run           | PROTECTED        | -        | 203.0.113.5
          a simulated block dedups while simulating        | SCAN            | CRITICAL | 198.51.100.7        | -        | dry-active+dry-run | ALREADY_ISOLATED | -       | 198.51.100.7
          a simulated block does not stop a real one        | SCAN            | CRITICAL | 198.51.100.7        | -        | dry-active        | ISOLATE_PROVEN   | PT40M    | 198.51.100.7
          a cell set to observe only audits                 | FLOOD           | CRITICAL | 198.51.100.7        | -        | flood-observed    | OBSERVE_ONLY     | -        | 198.51.100.7
          platform pressure never contains by itself        | PLATFORM_PRESSURE | CRITICAL | -                 | pbx-auto | none              | OBSERVE_ONLY     | -        | -
          platform pressure with a source: still observed   | PLATFORM_PRESSURE | WARNING  | 198.51.100.7      | pbx-auto | none              | OBSERVE_ONLY     | -        | -
          """)
  void decides(
      String rule,
      AlertKind kind,
      Severity severity,
      String source,
      String machine,
      String scenario,
      Reason reason,
      Duration duration,
      String target) {
    Decision d =
        ContainmentPolicy.decide(
            Alerts.of(kind, severity, source, machine), config(scenario), history(scenario), NOW);
    assertThat(d.reason()).as(rule + ": " + d.detail()).isEqualTo(reason);
    assertThat(d.target() == null ? null : d.target().toString()).as(rule).isEqualTo(target);
    if (d.acts() || d.asks()) {
      assertThat(d.duration()).as(rule).isEqualTo(duration);
    }
    assertThat(d.detail())
        .as("the audit line names the alert, in words")
        .startsWith(
            kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " ("
                + severity.name().toLowerCase(java.util.Locale.ROOT)
                + ")");
  }
}
