package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.server.Json;
import dev.vigie.server.config.Node;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The paging section is validated at load: every problem names its key, never a secret. */
class PagingConfigTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Node read(String yaml) throws Exception {
    JsonNode root = Json.yaml().readTree(yaml);
    Node n = Node.root(root);
    PagingConfig.read(n.get("paging"), PARIS, null);
    return n;
  }

  @Test
  void aValidSectionGivesItsDefaults() throws Exception {
    JsonNode root =
        Json.yaml()
            .readTree(
                "paging:\n  people: [{id: marie, name: Marie, phone: '+33611223344', channels: [sms]}]\n"
                    + "  channels:\n    sms: {type: sms, url: 'https://gw.example/send', body: '{{text}}',"
                    + " contentType: text/plain}\n");
    Node n = Node.root(root);
    PagingConfig c = PagingConfig.read(n.get("paging"), PARIS, null);
    assertThat(n.problems()).isEmpty();
    assertThat(c.levels()).hasSize(1);
    assertThat(c.levels().get(0).who()).containsExactly("oncall");
    assertThat(c.repeat()).isEqualTo(2);
    assertThat(c.triggers())
        .singleElement()
        .satisfies(t -> assertThat(t.severity()).hasToString("MAJOR"));
    assertThat(c.rotation().members()).containsExactly("marie");
    assertThat(c.channels().get("sms").kind()).isEqualTo(PagingConfig.Kind.HTTP);
    assertThat(c.toString()).doesNotContain("gw.example");
  }

  @Test
  void theExampleOfDocsPagingMdIsValid() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/paging.md"));
    String yaml =
        doc.substring(
            doc.indexOf("```yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n") + 8));
    Node n = Node.root(Json.yaml().readTree(yaml));
    PagingConfig c = PagingConfig.read(n.get("paging"), PARIS, null);
    assertThat(n.problems()).isEmpty();
    assertThat(c.people()).containsKeys("marie", "paul", "claire");
    assertThat(c.levels()).hasSize(3);
    assertThat(c.triggers()).hasSize(3);
    assertThat(c.rotation().overrides()).hasSize(1);
    assertThat(c.baseUrl()).hasToString("https://vigie.noc.example.fr");
  }

  @Test
  void everyProblemNamesItsKeyAndNoSecret() throws Exception {
    Node n =
        read(
            "paging:\n"
                + "  people:\n"
                + "    - {id: marie, channels: [sms, email, pager]}\n"
                + "    - {id: Bad Id}\n"
                + "  rotation: {shift: monthly, handover: '25:00', members: [marie, pual],"
                + " overrides: [{person: marie, from: 2024-09-23T09:00, until: 2024-09-23T08:00}]}\n"
                + "  escalation:\n"
                + "    levels: [{notify: [oncall, bob], via: [fax], after: 10s}]\n"
                + "  triggers: [{severity: HUGE}, {alert: NOPE}, {isolation: manual}, {}]\n"
                + "  ack: {secret: short}\n"
                + "  channels:\n"
                + "    sms: {type: http, url: 'ftp://token-s3cret@gw.example', body: '{{phone}}'}\n"
                + "    email: {type: email}\n"
                + "    slack: {type: slack, url: 'not a url s3cret'}\n"
                + "    teams: {type: teams, url: 'https://t.example/x', format: html}\n"
                + "    odd: {type: pigeon}\n"
                + "  colour: blue\n");
    String all = String.join("\n", n.problems());
    assertThat(all)
        .contains("paging.people[0].channels: 'pager' is not a channel")
        .contains("paging.people[0].email: required to be reached by 'email'")
        .contains("paging.people[1].id: required, lower-case")
        .contains("paging.rotation.shift: 'monthly' is not weekly or daily")
        .contains("paging.rotation.handover: '25:00' is not a time")
        .contains("paging.rotation.members: 'pual' is not a person id")
        .contains("paging.rotation.overrides[0].until: must be after from")
        .contains("paging.escalation.levels[0].notify: 'bob' is not oncall, next or a person id")
        .contains("paging.escalation.levels[0].via: 'fax' is not a channel")
        .contains("paging.escalation.levels[0].after: must be at least 1 minute")
        .contains("paging.triggers[0].severity: 'HUGE' is not CRITICAL, MAJOR, MINOR or LOW")
        .contains("paging.triggers[1].alert: 'NOPE' is not an alert kind")
        .contains("paging.triggers[2].isolation: only 'automatic'")
        .contains("paging.triggers[3].severity: a trigger needs severity, alert or isolation")
        .contains("paging.ack.secret: must be at least 32 characters")
        .contains("paging.channels.sms.url: not an absolute http or https URL")
        .contains("paging.channels.slack.url: not an absolute http or https URL")
        .contains("paging.channels.teams.format: 'html' is not adaptive or messagecard")
        .contains("paging.channels.odd.type: 'pigeon' is not email, slack, teams or http")
        .contains("paging.colour: unknown key");
    assertThat(all).doesNotContain("s3cret", "short'");
  }
}
