package dev.vigie.server.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What may be said to clients: a table of texts and what keeps each from going public. */
class PublicWordingTest {
  private static final Catalog CATALOG =
      catalog(
          """
          machines:
            - {id: pbx-acme, addresses: [10.0.1.15, "2001:db8:1::15"], client: acme, role: pbx}
          services:
            - {id: voip, name: Téléphonie, dependsOn: [pbx-acme]}
          clients:
            - {id: acme, name: Acme, services: [voip]}
          """);
  private final PublicWording wording = new PublicWording(CATALOG);

  private static Catalog catalog(String yaml) {
    try {
      return Catalog.parse(yaml);
    } catch (dev.vigie.catalog.CatalogException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # a plain public sentence: nothing to say
          La téléphonie est rétablie depuis 10h45.                     | -
          # times, dates, versions and numbers are not addresses
          Retour à la normale à 08:45:00 le 23/09/2024 (version 1.2.3). | -
          # a support number is public
          Appelez le +33 6 39 98 00 10.                                  | -
          # a catalogue machine by id, even at the end of a sentence
          Le serveur pbx-acme redémarre.                                 | comms.err.machine:pbx-acme
          # but not inside another word
          Le pbx-acmeX et xpbx-acme ne sont pas des machines connues.    | -
          # its address (also an IPv4 address)
          L'adresse 10.0.1.15. est bloquée                               | comms.err.machine:10.0.1.15
          # any IPv4 address, with or without a prefix length
          Source 198.51.100.7/32 bloquée.                                | comms.err.address:198.51.100.7/32
          # IPv6, compressed or not
          Source 2001:db8:ffff::7 bloquée.                               | comms.err.address:2001:db8:ffff::7
          Source fe80:0:0:0:1:2:3:4 bloquée.                             | comms.err.address:fe80:0:0:0:1:2:3:4
          # e-mail addresses (a contact's, an attacker's)
          Contact : jean@acme.example                                    | comms.err.email:jean@acme.example
          # attack tools named by detection
          Un scan friendly-scanner a été bloqué.                          | comms.err.attacker:friendly-scanner
          Attaque SIPVicious en cours.                                   | comms.err.attacker:sipvicious
          """)
  void table(String text, String expected) {
    List<String> got =
        wording.check(text).stream().map(p -> p.key() + ":" + p.found().toLowerCase()).toList();
    if (expected.equals("-")) assertThat(got).as(text).isEmpty();
    else assertThat(got).as(text).contains(expected);
  }

  @Test
  void aMachineAddressIsNamedOnce() {
    assertThat(wording.check("pbx-acme 10.0.1.15")).hasSize(2);
  }
}
