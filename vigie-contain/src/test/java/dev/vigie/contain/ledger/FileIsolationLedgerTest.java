package dev.vigie.contain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.detect.inventory.Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIsolationLedgerTest {

  static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

  static Isolation machine() {
    Target t =
        new Target.Machine(
            "pbx-acme", List.of(Cidr.parse("10.0.1.15"), Cidr.parse("2001:db8:1::/64")));
    return Isolation.pending(
        "m-1", t, Reason.ASK_OPERATOR, "asked", "alert-1", T, null, "auto", false);
  }

  @Test
  void everyFieldSurvivesAReopenAndTheLastSaveWins(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("ledger.jsonl");
    Isolation src =
        Isolation.pending(
                "s-1",
                Target.Source.parse("2001:db8:9::5"),
                Reason.ISOLATE,
                "d",
                null,
                T,
                Duration.ofMinutes(40),
                "auto",
                false)
            .activate(T, "auto", false)
            .end(IsolationState.RELEASED, T.plusSeconds(60), "alice");
    try (FileIsolationLedger l = new FileIsolationLedger(f)) {
      l.save(machine());
      l.save(machine().activate(T.plusSeconds(5), "bob", true));
      l.save(src);
    }
    try (FileIsolationLedger l = new FileIsolationLedger(f)) {
      assertThat(l.find("m-1")).contains(machine().activate(T.plusSeconds(5), "bob", true));
      assertThat(l.find("s-1")).contains(src);
      assertThat(l.inState(IsolationState.ACTIVE)).extracting(Isolation::id).containsExactly("m-1");
      assertThat(l.activatedSince(T)).hasSize(2);
    }
  }

  @Test
  void aTornLastLineIsDroppedACorruptLineElsewhereIsNamed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("ledger.jsonl");
    try (FileIsolationLedger l = new FileIsolationLedger(f)) {
      l.save(machine());
    }
    Files.writeString(
        f, "{\"id\":\"m-2\",\"kind\":\"MACH", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (FileIsolationLedger l = new FileIsolationLedger(f)) {
      assertThat(l.find("m-1")).isPresent();
      assertThat(l.find("m-2")).isEmpty();
    }
    Files.writeString(f, "garbage\n" + Files.readString(f));
    assertThatThrownBy(() -> new FileIsolationLedger(f))
        .hasMessageContaining("ledger.jsonl line 1");
  }
}
