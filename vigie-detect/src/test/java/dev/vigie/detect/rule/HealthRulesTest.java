package dev.vigie.detect.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Severity;
import dev.vigie.detect.baseline.BaselineView;
import dev.vigie.detect.threshold.Thresholds;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HealthRules#serviceDegraded}: one row per case, the signal expected or none. */
class HealthRulesTest {
  private static final BaselineView COLD = BaselineView.COLD;

  /** A snapshot builder with everything healthy. */
  private static final class H {
    long judged = 100, unanswered, recentJudged = 20, recentUnanswered, retrans;
    long ok = 40, c5xx, c408, cNone;
    BaselineView ner = new BaselineView(true, 0.96, 0.1);
    long regOk = 10, regFail, lost, active = 40;
    long setupN = 20, setupMs = 120;
    BaselineView setup = new BaselineView(true, 100, 30);
    long silent;
    BaselineView messages = new BaselineView(true, 120, 10); // per minute
    int peers = 3;

    HealthSnapshot snap() {
      return new HealthSnapshot(
          "gw",
          "platform",
          "trunk",
          judged,
          unanswered,
          recentJudged,
          recentUnanswered,
          retrans,
          ok,
          c5xx,
          c408,
          cNone,
          ner,
          regOk,
          regFail,
          lost,
          active,
          setupN,
          setupMs,
          setup,
          silent,
          messages,
          peers,
          1_000_000L,
          2_000_000L);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // healthy traffic: nothing
        row("healthy", new H(), null, null),
        // NO_RESPONSE: 15 unanswered, all of the last 10 s: a dead machine, critical
        row(
            "dead machine",
            with(h -> {
              h.unanswered = 15;
              h.recentUnanswered = 10;
              h.recentJudged = 10;
            }),
            "NO_RESPONSE",
            Severity.CRITICAL),
        // NO_RESPONSE: 6 unanswered in 60 s but answering again in the last 10 s: no alert
        row(
            "answering again",
            with(h -> {
              h.unanswered = 6;
              h.recentUnanswered = 1;
              h.recentJudged = 10;
            }),
            null,
            null),
        // NO_RESPONSE: 4 unanswered is under the warning level
        row(
            "four lost requests",
            with(h -> {
              h.unanswered = 4;
              h.recentUnanswered = 4;
              h.recentJudged = 4;
            }),
            null,
            null),
        // CALLS_FAILING: 0 of 23 completed, usually 96%: critical, "usually 96%"
        row(
            "NER collapse",
            with(h -> {
              h.ok = 0;
              h.c5xx = 20;
              h.c408 = 3;
            }),
            "CALLS_FAILING",
            Severity.CRITICAL),
        // CALLS_FAILING: a single failed call never alarms, even at NER 0
        row(
            "single failed call",
            with(h -> {
              h.ok = 0;
              h.c5xx = 1;
            }),
            null,
            null),
        // CALLS_FAILING: 5 failed of 40 is NER 87%, 9 points under 96%: the network working
        row(
            "a few failures",
            with(h -> {
              h.ok = 35;
              h.c5xx = 5;
            }),
            null,
            null),
        // CALLS_FAILING: with no baseline yet, 100% is the reference: 10 of 20 is a warning
        row(
            "cold NER baseline",
            with(h -> {
              h.ner = COLD;
              h.ok = 10;
              h.c408 = 10;
            }),
            "CALLS_FAILING",
            Severity.WARNING),
        // REGISTER_FAILING: 20 REGISTERs failing against 10 fine: critical
        row("registrar failing", with(h -> h.regFail = 20), "REGISTER_FAILING", Severity.CRITICAL),
        // REGISTER_FAILING: 6 failures against 30 fine are not most of them
        row(
            "registrar mostly fine",
            with(h -> {
              h.regFail = 6;
              h.regOk = 30;
            }),
            null,
            null),
        // REGISTRATIONS_LOST: 12 phones expired, 20 left (37%): warning
        row(
            "phones losing registration",
            with(h -> {
              h.lost = 12;
              h.active = 20;
            }),
            "REGISTRATIONS_LOST",
            Severity.WARNING),
        // REGISTRATIONS_LOST: 6 of 400 expire (a few phones switched off): no alert
        row(
            "a few phones switched off",
            with(h -> {
              h.lost = 6;
              h.active = 400;
            }),
            null,
            null),
        // SILENT: 90 s without a message at an hour it usually sends 120 a minute, peers busy:
        // critical
        row("silent by day", with(h -> h.silent = 90), "SILENT", Severity.CRITICAL),
        // SILENT: a night it is learned quiet (0.6 a minute): no alert
        row(
            "quiet night",
            with(h -> {
              h.silent = 3600;
              h.messages = new BaselineView(true, 0.6, 1);
            }),
            null,
            null),
        // SILENT: everyone silent (no peer traffic): the capture or the ingest stopped, not it
        row(
            "everyone silent",
            with(h -> {
              h.silent = 90;
              h.peers = 0;
            }),
            null,
            null),
        // SILENT: an hour-of-week slot never learned: no alert
        row(
            "unlearned hour",
            with(h -> {
              h.silent = 90;
              h.messages = COLD;
            }),
            null,
            null),
        // SLOW_SETUP: 1.5 s to the first response, usually 100 ms: critical (15x)
        row("slow setup", with(h -> h.setupMs = 1500), "SLOW_SETUP", Severity.CRITICAL),
        // SLOW_SETUP: 400 ms is 4x but under 1 s: no alert
        row("slower but fast", with(h -> h.setupMs = 400), null, null),
        // SLOW_SETUP: no learned delay yet: no alert
        row(
            "slow, no baseline",
            with(h -> {
              h.setupMs = 3000;
              h.setup = COLD;
            }),
            null,
            null));
  }

  private static Arguments row(String name, H h, String signal, Severity sev) {
    return Arguments.of(name, h.snap(), signal, sev);
  }

  private static H with(java.util.function.Consumer<H> c) {
    H h = new H();
    c.accept(h);
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(String name, HealthSnapshot h, String signal, Severity sev) {
    Optional<Finding> f = HealthRules.serviceDegraded(h, Thresholds.defaults());
    if (signal == null) {
      assertThat(f).as(name).isEmpty();
      return;
    }
    assertThat(f).as(name).isPresent();
    assertThat(f.get().evidence()).containsEntry("signal", signal);
    assertThat(f.get().severity()).isEqualTo(sev);
    assertThat(f.get().evidence()).containsEntry("client", "platform");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void summaryNamesTheMachineAndTheNumbers(
      String name, HealthSnapshot h, String signal, Severity s) {
    HealthRules.serviceDegraded(h, Thresholds.defaults())
        .ifPresent(f -> assertThat(f.summary()).contains("gw"));
    if ("NER collapse".equals(name)) {
      assertThat(HealthRules.serviceDegraded(h, Thresholds.defaults()).orElseThrow().summary())
          .isEqualTo("calls through gw failing: 0 of 23 completed in 60 s (NER 0%), usually 96%");
    }
  }
}
