package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.detect.inventory.Inventory;
import dev.vigie.server.Json;
import dev.vigie.server.config.CdrConfig;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.wire.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code server.cdr} settings: defaults, and every bad value named with its key. */
class CdrConfigTest {
  @TempDir Path dir;

  private CdrConfig load(String server) throws Exception {
    Path f = dir.resolve("vigie.yaml");
    Files.writeString(f, Live.inventoryYaml() + "\nserver:\n" + server);
    ServeConfig cfg = ServeConfig.load(f, Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> root = Json.mapper().convertValue(cfg.root(), Map.class);
    Inventory inv = InventoryFile.fromRoot(root, "vigie.yaml");
    return CdrConfig.from(cfg, inv);
  }

  @Test
  void defaultsAreTheTemplateOrderAndNoFixedMachine() throws Exception {
    CdrConfig c = load("  cdrPort: 5010\n");
    assertThat(c.port()).isEqualTo(5010);
    assertThat(c.fields()).startsWith("historyid", "callid", "duration", "time-start");
    assertThat(c.machine()).isNull();
    assertThat(c.maxLineChars()).isEqualTo(8192);
  }

  @Test
  void fieldsMachineAndAddressMapAreRead() throws Exception {
    CdrConfig c =
        load(
            "  cdr:\n    fields: [time-start, from-dn, dial-no]\n"
                + "    machines: {\"127.0.0.20\": pbx-acme}\n");
    assertThat(c.fields()).containsExactly("time-start", "from-dn", "dial-no");
    assertThat(c.machinesByAddress()).containsEntry(IpAddress.parse("127.0.0.20"), "pbx-acme");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an unknown machine
        "cdr:\\n  machine: pbx-nobody\\n| server.cdr.machine: 'pbx-nobody' is not a machine",
        // an address that is not one
        "cdr:\\n  machines: {\"pbx\": pbx-acme}\\n| server.cdr.machines: 'pbx' is not an IP",
        // a mapping to an unknown machine
        "cdr:\\n  machines: {\"10.0.0.1\": zz}\\n| server.cdr.machines: 'zz' is not a machine",
        // fields without the required start time
        "cdr:\\n  fields: [from-dn, dial-no]\\n| server.cdr.fields: must name time-start",
        // a line cap out of range
        "cdr:\\n  maxLineChars: 10\\n| server.cdr.maxLineChars",
        // the section is not a mapping
        "cdr: yes\\n| server.cdr: expected a mapping"
      })
  void badValuesAreNamed(String server, String message) {
    // (CSV values lose their leading blanks: the section is indented here)
    String yaml = ("  " + server.replace("\\n", "\n  ")).stripTrailing() + "\n";
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
