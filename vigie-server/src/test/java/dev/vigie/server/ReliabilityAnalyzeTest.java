package dev.vigie.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.cli.Cli;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie analyze} on damaged captures: a record length corrupted in the middle of a real lab
 * capture stops the read with a warning, keeps what was read before it and exits 0; a link type
 * Vigie cannot decode is named in a warning. The contract's JSON fields stay.
 */
class ReliabilityAnalyzeTest {
  private static final Path SVWAR = Path.of("../testdata/captures/svwar.sip.pcap");
  @TempDir Path dir;

  @Test
  void aCorruptRecordLengthMidFileKeepsWhatWasReadWithAWarning() throws Exception {
    byte[] b = Files.readAllBytes(SVWAR);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bb.getInt(0)).isEqualTo(0xA1B2C3D4); // little-endian pcap
    // walk to the 100th record and give it an impossible length
    int p = 24;
    for (int i = 0; i < 100; i++) p += 16 + bb.getInt(p + 8);
    bb.putInt(p + 8, 0x7FFF_FFF0);
    Path bad = Files.write(dir.resolve("svwar-corrupt.pcap"), b);

    Cli r = Cli.run("analyze", bad.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.path("packets").asLong()).isEqualTo(100);
    assertThat(j.path("sipMessages").asLong()).isEqualTo(100);
    for (String f :
        new String[] {
          "packets",
          "sipMessages",
          "malformed",
          "firstPacket",
          "lastPacket",
          "methods",
          "responses",
          "machines",
          "alerts"
        }) {
      assertThat(j.has(f)).as("contract field %s", f).isTrue();
    }
    assertThat(j.path("warnings")).hasSize(1);
    assertThat(j.path("warnings").get(0).asText())
        .contains("svwar-corrupt.pcap")
        .contains("record length 2147483632 is impossible")
        .contains("kept the 100 packets before it");
    assertThat(r.err()).contains("warning");

    Cli whole = Cli.run("analyze", SVWAR.toString(), "--format", "json");
    JsonNode w = Json.mapper().readTree(whole.out());
    assertThat(w.path("warnings")).isEmpty();
    assertThat(w.path("packets").asLong()).isGreaterThan(100);
  }

  @Test
  void anUnknownLinkTypeIsNamedInAWarning() throws Exception {
    byte[] b = Files.readAllBytes(SVWAR);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 147); // LINKTYPE_USER0
    Path odd = Files.write(dir.resolve("svwar-user0.pcap"), b);
    Cli r = Cli.run("analyze", odd.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.path("sipMessages").asLong()).isZero();
    assertThat(j.path("warnings").get(0).asText())
        .contains("svwar-user0.pcap")
        .contains("unsupported link type 147")
        .contains(j.path("packets").asText() + " packets counted malformed");
  }

  @Test
  void aFileThatIsNotACaptureStillExitsTwo() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pcap"), "definitely not a capture");
    Cli r = Cli.run("analyze", junk.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("junk.pcap");
  }
}
