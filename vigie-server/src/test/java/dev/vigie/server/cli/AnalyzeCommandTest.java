package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie analyze}: the contract's JSON, the text summary, and bad input. */
class AnalyzeCommandTest {
  static final Path WIRE = Path.of("../vigie-wire/src/test/resources/captures");
  @TempDir Path tmp;

  @Test
  void jsonHasTheContractFields() throws Exception {
    Cli r =
        Cli.run(
            "analyze",
            WIRE.resolve("kamailio-hep3-options-register-lo.pcapng").toString(),
            "--format",
            "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
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
      assertThat(j.has(f)).as(f).isTrue();
    }
    assertThat(j.get("packets").asLong()).isEqualTo(41);
    assertThat(j.get("methods").get("REGISTER").asLong()).isEqualTo(8);
    assertThat(j.get("responses").get("401").asLong()).isEqualTo(4);
    assertThat(j.get("firstPacket").asText()).startsWith("2026-11-24T05:50:12.267299");
  }

  @Test
  void pcapAndPcapngOfTheSameTrafficGiveTheSameCounts() throws Exception {
    JsonNode a = json("kamailio-hep3-options-register-lo.pcap");
    JsonNode b = json("kamailio-hep3-options-register-lo.pcapng");
    assertThat(a.get("methods")).isEqualTo(b.get("methods"));
    assertThat(a.get("responses")).isEqualTo(b.get("responses"));
    assertThat(a.get("sipMessages")).isEqualTo(b.get("sipMessages"));
  }

  @Test
  void inventoryGivesPerMachineCounts() throws Exception {
    Path inv = tmp.resolve("inv.yaml");
    Files.writeString(
        inv, "machines:\n  - id: proxy\n    addresses: [127.0.0.1]\n    role: proxy\n");
    Cli r =
        Cli.run(
            "analyze",
            WIRE.resolve("kamailio-hep3-options-register-lo.pcap").toString(),
            "--inventory",
            inv.toString(),
            "--format",
            "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode m = Json.mapper().readTree(r.out()).get("machines").get(0);
    assertThat(m.get("id").asText()).isEqualTo("proxy");
    assertThat(m.get("messagesIn").asLong()).isPositive();
  }

  @Test
  void textFormatIsAReadableSummary() {
    Cli r = Cli.run("analyze", WIRE.resolve("kamailio-hep3-options-register-lo.pcap").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("SIP messages")
        .contains("REGISTER")
        .contains("401")
        .contains("alerts: ");
  }

  @Test
  void notACaptureIsExit2WithOneLineNamingTheFile() throws Exception {
    Path f = tmp.resolve("notes.txt");
    Files.writeString(f, "this is not a capture at all\n");
    Cli r = Cli.run("analyze", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .contains("notes.txt")
        .doesNotContain("Exception");
  }

  @Test
  void missingFileIsExit2() {
    Cli r = Cli.run("analyze", tmp.resolve("nope.pcap").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.pcap");
  }

  @Test
  void truncatedCaptureReportsWhatItReadAndSaysSo() throws Exception {
    byte[] all = Files.readAllBytes(WIRE.resolve("kamailio-hep3-options-register-lo.pcap"));
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
    Cli r = Cli.run("analyze", cut.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("truncated");
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("truncated").asBoolean()).isTrue();
    assertThat(j.get("sipMessages").asLong()).isBetween(1L, 31L);
  }

  @Test
  void badInventoryIsExit2NamingKeyAndValue() throws Exception {
    Path inv = tmp.resolve("bad.yaml");
    Files.writeString(inv, "machines:\n  - id: pbx\n    addresses: [10.0.1.300]\n");
    Cli r =
        Cli.run(
            "analyze",
            WIRE.resolve("kamailio-hep3-options-register-lo.pcap").toString(),
            "--inventory",
            inv.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("bad.yaml")
        .contains("machines[0].addresses[0]")
        .contains("10.0.1.300");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void invalidYamlIsExit2WithTheLine() throws Exception {
    Path inv = tmp.resolve("broken.yaml");
    Files.writeString(inv, "machines:\n  - id: [unclosed\n");
    Cli r =
        Cli.run(
            "analyze",
            WIRE.resolve("kamailio-hep3-options-register-lo.pcap").toString(),
            "--inventory",
            inv.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("broken.yaml").contains("invalid YAML");
  }

  private static JsonNode json(String capture) throws Exception {
    Cli r = Cli.run("analyze", WIRE.resolve(capture).toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }
}
