package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.ClientContacts.Contact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudienceTest {

  @Test
  void onlyAffectedClientsOneRecipientPerAddressInTheContactsLanguage() {
    Audience.Selection selection = Audience.select(Fixtures.AFFECTED, Fixtures.DIRECTORY);

    assertThat(selection.recipients())
        .extracting(Recipient::clientId, Recipient::email, Recipient::language)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme", "it@acme.fr", Language.FR),
            org.assertj.core.groups.Tuple.tuple("acme", "ceo@acme.example", Language.EN),
            org.assertj.core.groups.Tuple.tuple("bistrot", "gerance@bistrot.fr", Language.FR));
    assertThat(selection.unknownClients()).isEmpty();
    assertThat(selection.clientsWithoutContacts()).isEmpty();
    assertThat(selection.merged()).isEmpty();
  }

  @Test
  void unaffectedClientsAreNeverSelected() {
    Audience.Selection selection = Audience.select(List.of("bistrot"), Fixtures.DIRECTORY);

    assertThat(selection.recipients())
        .extracting(Recipient::email)
        .containsExactly("gerance@bistrot.fr");
  }

  @Test
  void anAddressSharedByTwoClientsGetsOneMessageAndTheMergeIsReported() {
    Map<String, ClientContacts> directory =
        Map.of(
            "a", new ClientContacts("a", "A", List.of(new Contact("presta@it.fr", Language.FR))),
            "b", new ClientContacts("b", "B", List.of(new Contact("Presta@IT.fr", Language.EN))));

    Audience.Selection selection = Audience.select(List.of("b", "a"), directory);

    assertThat(selection.recipients())
        .singleElement()
        .extracting(Recipient::clientId)
        .isEqualTo("a");
    assertThat(selection.merged()).containsExactly("presta@it.fr: a, b");
  }

  @Test
  void unknownAndSilentClientsAreReported() {
    Map<String, ClientContacts> directory =
        Map.of("mute", new ClientContacts("mute", "Mute", List.of()));

    Audience.Selection selection = Audience.select(List.of("mute", "ghost"), directory);

    assertThat(selection.recipients()).isEmpty();
    assertThat(selection.unknownClients()).containsExactly("ghost");
    assertThat(selection.clientsWithoutContacts()).containsExactly("mute");
  }

  @Test
  void aDirectoryKeyThatDisagreesWithItsClientIsRejected() {
    Map<String, ClientContacts> directory =
        Map.of("x", new ClientContacts("y", "Y", List.of(new Contact("a@y.fr", Language.FR))));

    assertThatThrownBy(() -> Audience.select(List.of("x"), directory))
        .hasMessage("client directory: key 'x' holds client 'y'");
  }

  @Test
  void aContactFieldHoldingSeveralAddressesIsRejected() {
    for (String bad :
        List.of("a@x.fr, b@y.fr", "a@x.fr;b@y.fr", "Bob <bob@x.fr>", "bob", "b ob@x.fr", "bob@x")) {
      assertThatThrownBy(() -> new Contact(bad, Language.FR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "contact.email: expected one email address like name@example.fr, got '" + bad + "'");
    }
  }

  @Test
  void languagesParseWithRegionAndNameTheBadValue() {
    assertThat(Language.parse("fr-FR")).isEqualTo(Language.FR);
    assertThat(Language.parse(" EN_gb ")).isEqualTo(Language.EN);
    assertThatThrownBy(() -> Language.parse("de"))
        .hasMessage("language: expected fr or en, got 'de'");
  }
}
