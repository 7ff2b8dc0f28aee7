package dev.vigie.bench;

import dev.vigie.detect.inventory.Cidr;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.inventory.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The capture the whole-capture benchmarks read: the file named by the system property {@code
 * vigie.bench.capture} (pass it to JMH with {@code -jvmArgsAppend -Dvigie.bench.capture=FILE}),
 * typically built by {@code lab/make-bench-capture.sh}; the lab's {@code normal.sip.pcap} when the
 * property is absent. The inventory is the lab's platform (proxy 127.0.0.1, trunk 127.0.0.10), the
 * two addresses {@code make-bench-capture.sh} keeps while it spreads the phones over sites.
 */
final class BenchCapture {
  private BenchCapture() {}

  static Path path() {
    String p = System.getProperty("vigie.bench.capture");
    if (p != null && !p.isBlank()) return Path.of(p);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve("testdata/captures/normal.sip.pcap");
      if (Files.isRegularFile(f)) return f;
    }
    throw new IllegalStateException(
        "no capture: pass -Dvigie.bench.capture=FILE (see bench/README.md)");
  }

  static byte[] bytes() {
    try {
      return Files.readAllBytes(path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Inventory inventory() {
    return Inventory.of(
        List.of(
            machine("proxy-lab", "127.0.0.1/32", Role.PROXY),
            machine("trunk-carrier", "127.0.0.10/32", Role.TRUNK)),
        List.of(Cidr.parse("127.0.0.10/32")));
  }

  private static Machine machine(String id, String cidr, Role role) {
    return new Machine(id, List.of(Cidr.parse(cidr)), "platform", role, Map.of(), List.of());
  }
}
