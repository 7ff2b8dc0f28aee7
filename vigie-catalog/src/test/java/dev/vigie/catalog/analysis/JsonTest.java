package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The analysis serialises with a plain Jackson mapper into the documented field names. */
class JsonTest {
  @Test
  void analysisIsJsonFriendly() throws Exception {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(ExamplesTest.example("seed-platform.yaml"));
    ObjectMapper json = new ObjectMapper();
    JsonNode tree = json.readTree(json.writeValueAsString(analysis));
    assertThat(tree.fieldNames())
        .toIterable()
        .containsExactly("summary", "targets", "findings", "impacts", "graph");
    JsonNode top = tree.get("findings").get(0);
    assertThat(top.get("kind").asText()).isEqualTo("SUPPORT_COUPLED");
    assertThat(top.get("rank").asInt()).isEqualTo(1);
    assertThat(top.get("components").get(0).asText()).isEqualTo("vinfra");
    assertThat(top.get("explanationFr").asText()).contains("un seul et même composant");
    assertThat(tree.get("summary").get("findings").asInt()).isEqualTo(tree.get("findings").size());
    assertThat(tree.get("graph").get("edges").get(0).fieldNames())
        .toIterable()
        .containsExactly("from", "to", "mode", "group");
  }
}
