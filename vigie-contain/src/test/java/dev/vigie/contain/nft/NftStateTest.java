package dev.vigie.contain.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.InForce;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Parsing {@code nft -j list table inet vigie}, on output recorded from nft 1.0.6 (every element
 * form: plain, wrapped with timeout and comment, prefix, range, and a set that is not Vigie's).
 */
class NftStateTest {

  @Test
  void readsEveryElementFormOfVigiesFourSets() throws Exception {
    String json;
    try (InputStream in = NftStateTest.class.getResourceAsStream("/nft/list-table.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(NftState.parse(json))
        .extracting(f -> f.kind() + " " + f.prefix() + " " + f.remaining() + " " + f.tag())
        .containsExactly(
            "SOURCE_BLOCK 198.51.100.7 PT9M59S iso-1", // wrapped, timeout and comment
            "SOURCE_BLOCK 198.51.100.8 null null", // plain value
            "SOURCE_BLOCK 2001:db8:9::/64 PT4M59S iso-2", // prefix
            "MACHINE_ISOLATION 10.0.1.15 null null",
            "MACHINE_ISOLATION 10.0.2.0/29 null iso-3",
            // the range 10.0.3.1-10.0.3.9 is skipped: Vigie never writes ranges
            "MACHINE_ISOLATION 2001:db8:1::15 null iso-3");
    // the set "notours" is ignored
  }

  @Test
  void garbageIsAClearError() {
    assertThatThrownBy(() -> NftState.parse("{\"nftables\": [oops"))
        .isInstanceOf(ActuationException.class)
        .hasMessageStartingWith("cannot read nft's JSON output");
  }

  @Test
  void anEmptyTableHoldsNothing() throws ActuationException {
    assertThat(NftState.parse("{\"nftables\": [{\"metainfo\": {}}]}")).isEmpty();
    assertThat(NftState.parse("{}")).<InForce>isEmpty();
  }
}
