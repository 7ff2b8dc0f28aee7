package dev.vigie.server.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigie.contain.IsolationKind;
import dev.vigie.detect.inventory.Cidr;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.config.ConfigException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The containment section of the serve YAML: defaults, every key, and errors naming the key. */
class ContainmentSettingsTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static ContainmentSettings read(String yaml, boolean dry) throws Exception {
    Map<String, Object> root = Json.yaml().readValue(yaml.isBlank() ? "{}" : yaml, Map.class);
    return ContainmentSettings.read(root, dry);
  }

  @Test
  void defaultsActOnNothingAndTickEveryTwoSeconds() throws Exception {
    ContainmentSettings s = read("", false);
    assertThat(s.nftables()).isNull();
    assertThat(s.webhook()).isNull();
    assertThat(s.tick()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.contain().dryRun()).isFalse();
    assertThat(s.contain().protectedRanges()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ContainmentSettings s =
        read(
            """
            protected: [203.0.113.0/24]
            server: {hep: {agents: [192.0.2.10]}}
            containment:
              protected: [2001:db8:ffff::/48]
              tick: 5s
              nftables: {enabled: true, table: vigie_t, netns: lab1, nft: /usr/sbin/nft, timeout: 3s}
              webhook:
                url: http://127.0.0.1:9/hook
                bearerToken: tok
                hmacSecret: sec
                timeout: 2s
                retries: 1
                backoff: 1s
                kinds: [MACHINE_ISOLATION]
            """,
            true);
    assertThat(s.contain().dryRun()).isTrue();
    assertThat(s.contain().protectedRanges())
        .containsExactly(
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("2001:db8:ffff::/48"),
            Cidr.parse("192.0.2.10"));
    assertThat(s.tick()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.nftables().table()).isEqualTo("vigie_t");
    assertThat(s.nftables().netns()).isEqualTo("lab1");
    assertThat(s.nftables().nft()).isEqualTo("/usr/sbin/nft");
    assertThat(s.nftables().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.webhook().bearerToken()).isEqualTo("tok");
    assertThat(s.webhook().hmacSecret()).isEqualTo("sec");
    assertThat(s.webhook().retries()).isEqualTo(1);
    assertThat(s.webhook().backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.webhook().kinds()).containsExactly(IsolationKind.MACHINE_ISOLATION);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "containment: {nftables: {enabled: yes please}}       | containment.nftables.enabled: 'yes please'",
        "containment: {nftables: {enabled: true, table: 'a b'}} | containment.nftables.table: 'a b'",
        "containment: {tick: 0s}                               | containment.tick: '0s'",
        "containment: {protected: [not-an-ip]}                 | containment.protected[0]: 'not-an-ip'",
        "server: {hep: {agents: 10.0.0.1}}                     | server.hep.agents: '10.0.0.1'",
        "containment: {webhook: {url: 'ftp://x/y'}}            | containment.webhook.url: 'ftp://x/y'",
        "containment: {webhook: {url: 'http://h/', retries: x}} | containment.webhook.retries: 'x'",
        "containment: {webhook: {url: 'http://h/', kinds: [VM]}} | containment.webhook.kinds: 'VM'",
        "containment: {cap: {window: soon}}                    | containment.cap.window: 'soon'",
        "containment: {policy: {SCAN: {WARNING: always}}}      | containment.policy.SCAN.WARNING",
        "containment: 7                                        | containment: '7' is not a mapping",
      })
  void badSettingsNameTheKeyAndTheValue(String yaml, String expected) {
    assertThatThrownBy(() -> read(yaml, false)).hasMessageContaining(expected);
  }

  @Test
  void aBadSectionStopsServeWithAClearError() {
    assertThatThrownBy(() -> ServerFixture.start(dir, "containment: {tick: never}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration: containment.tick: 'never' is not");
  }

  @Test
  void webhookActuatorIsWiredIntoServe() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    hook.start();
    try (ServerFixture s =
        ServerFixture.start(
            dir,
            "containment: {webhook: {url: 'http://127.0.0.1:%d/hook'}}"
                .formatted(hook.getAddress().getPort()))) {
      var r = s.http().post("/api/v1/isolations", "{\"target\": \"198.51.100.50\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      String id = Json.mapper().readTree(r.body()).get("isolation").get("id").asText();
      assertThat(s.http().post("/api/v1/isolations/" + id + "/release", "").statusCode())
          .isEqualTo(200);
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(0)).contains("\"action\":\"isolate\"").contains("198.51.100.50");
      assertThat(bodies.get(1)).contains("\"action\":\"release\"").contains(id);
    } finally {
      hook.stop(0);
    }
  }
}
