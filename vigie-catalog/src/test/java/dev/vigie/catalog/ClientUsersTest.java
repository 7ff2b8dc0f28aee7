package dev.vigie.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** {@code clients[].users}: the seats NIS2 thresholds count (docs/obligations.md). */
class ClientUsersTest {

  @Test
  void usersAreReadAndDefaultToZero() throws Exception {
    var c =
        Catalog.parse(
            """
            clients: [{id: acme, users: 120}, {id: mairie}]
            """);
    assertThat(c.client("acme").orElseThrow().users()).isEqualTo(120);
    assertThat(c.client("mairie").orElseThrow().users()).isZero();
  }

  @Test
  void aBadNumberIsNamed() {
    var e =
        catchThrowableOfType(
            CatalogException.class,
            () -> Catalog.parse("clients: [{id: acme, users: -3}, {id: b, users: many}]\n"));
    assertThat(e.messages())
        .containsExactly(
            "clients[acme].users: must be a whole number >= 0, got '-3'",
            "clients[b].users: must be a whole number >= 0, got 'many'");
  }

  @Test
  void theSeedPlatformHasTwoHundredUsers() throws Exception {
    var c =
        Catalog.parse(
            java.nio.file.Files.readString(
                java.nio.file.Path.of("../examples/seed-platform.yaml")));
    assertThat(c.clients().stream().mapToLong(Client::users).sum()).isEqualTo(200);
  }
}
