package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TemplatesTest {

  static Stream<Arguments> subjects() {
    return Stream.of(
        // the subject format the provider asked for, in both languages
        Arguments.of(
            NotificationType.INCIDENT_OPENED,
            Language.FR,
            "[IG-2024-09-23-001] Incident en cours – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.INCIDENT_UPDATE,
            Language.FR,
            "[IG-2024-09-23-001] Point de situation – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.INCIDENT_RESOLVED,
            Language.FR,
            "[IG-2024-09-23-001] Incident résolu – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.BACKUP_NUMBER_ANNOUNCEMENT,
            Language.FR,
            "Numéro de support de secours – Exemple Télécom"),
        Arguments.of(
            NotificationType.INCIDENT_OPENED,
            Language.EN,
            "[IG-2024-09-23-001] Incident in progress – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.INCIDENT_UPDATE,
            Language.EN,
            "[IG-2024-09-23-001] Incident update – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.INCIDENT_RESOLVED,
            Language.EN,
            "[IG-2024-09-23-001] Incident resolved – Téléphonie IP 3CX"),
        Arguments.of(
            NotificationType.BACKUP_NUMBER_ANNOUNCEMENT,
            Language.EN,
            "Backup support number – Exemple Télécom"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("subjects")
  void everyMessageHasItsSubjectTheBackupNumberAndTheStatusLink(
      NotificationType type, Language language, String subject) {
    Recipient bistrot = Fixtures.recipient("bistrot", "gerance@bistrot.fr", language);
    RenderedMessage message = Templates.render(type, Fixtures.forType(type), bistrot);

    assertThat(message.subject()).isEqualTo(subject);
    assertThat(message.text())
        .contains(Fixtures.BACKUP, Fixtures.STATUS.toString(), "Exemple Télécom", "Bistrot Élysée");
    assertThat(message.html())
        .contains("<strong style=\"font-size:16px\">" + Fixtures.BACKUP + "</strong>")
        .contains("<a href=\"" + Fixtures.STATUS + "\">")
        .contains("<html lang=\"" + language.code() + "\">")
        .contains("Bistrot \u00c9lys\u00e9e");
  }

  @ParameterizedTest
  @EnumSource(
      value = NotificationType.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = "NOC_REMINDER")
  void aClientWithItsOwnStatusPageGetsItsOwnLink(NotificationType type) {
    Recipient acme = Fixtures.recipient("acme", "it@acme.fr", Language.FR);
    RenderedMessage message = Templates.render(type, Fixtures.forType(type), acme);

    assertThat(message.text()).contains(Fixtures.ACME_STATUS.toString());
    assertThat(message.html()).contains("href=\"" + Fixtures.ACME_STATUS + "\"");
  }

  @Test
  void frenchOpeningReadsLikeTheNocWritesWithSeedTimes() {
    Recipient r = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    String text = Templates.render(NotificationType.INCIDENT_OPENED, Fixtures.opened(), r).text();

    assertThat(text)
        .startsWith("Madame, Monsieur,\n\n")
        .contains("affecte le service Téléphonie IP 3CX.")
        .contains("Référence : IG-2024-09-23-001\nIntitulé : Téléphonie IP 3CX indisponible\n")
        .contains("Début de l'incident : 23/09/2024 à 07h40")
        .contains("Impact client : Problème d'acheminement des appels entrants / sortants externes")
        .contains("État : Investigation en cours")
        .contains(
            "Si nos numéros de support habituels (04 66 00 00 00) ne répondent pas, vous pouvez"
                + " joindre notre support au numéro de secours : 09 70 00 12 34.")
        .contains("Nous vous prions de nous excuser pour la gêne occasionnée.");
  }

  @Test
  void resolutionGivesStartEndAndDurationInTheProviderZone() {
    Recipient fr = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    Recipient en = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.EN);

    String french =
        Templates.render(NotificationType.INCIDENT_RESOLVED, Fixtures.resolved(), fr).text();
    String english =
        Templates.render(NotificationType.INCIDENT_RESOLVED, Fixtures.resolved(), en).text();

    assertThat(french)
        .contains("Fin de l'incident : 23/09/2024 à 11h05", "Durée : 3 h 25 min")
        .contains("le service Téléphonie IP 3CX est à nouveau fonctionnel");
    assertThat(english)
        .contains("End of the incident: 23 September 2024 at 11:05 (Europe/Paris)")
        .contains("Duration: 3 h 25 min");
  }

  @Test
  void updateQuotesThePublicTextAndEscapesItInHtml() {
    String hostile = "Cause identifiée <script>alert(\"x\")</script> & isolée\nSuite à 09h00";
    Recipient r = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    RenderedMessage message =
        Templates.render(NotificationType.INCIDENT_UPDATE, Fixtures.update(hostile), r);

    assertThat(message.text())
        .contains("    Cause identifiée <script>alert(\"x\")</script> & isolée\n    Suite à 09h00");
    assertThat(message.text()).contains("Intitulé : Téléphonie IP 3CX indisponible");
    assertThat(message.html())
        .doesNotContain("<script>")
        .contains(
            "Cause identifiée &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; isolée<br>\nSuite à 09h00")
        .contains("Mise à jour</th><td style=\"padding:2px 0\">23/09/2024 à 08h45");
  }

  @Test
  void escapesEveryOperatorTypedFieldIncludingTheSubjectInTheTitle() {
    IncidentFacts facts =
        new IncidentFacts(
            "7",
            "IG-2024-09-23-002",
            "T",
            PublicStatus.INVESTIGATING,
            "Impact <b>fort</b>",
            java.util.List.of("Trunk \"SIP\" & <co>"),
            null,
            null,
            Fixtures.STARTED,
            null,
            null);
    Recipient r = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.EN);
    RenderedMessage message =
        Templates.render(NotificationType.INCIDENT_OPENED, Fixtures.context(facts), r);

    assertThat(message.subject())
        .isEqualTo("[IG-2024-09-23-002] Incident in progress – Trunk \"SIP\" & <co>");
    assertThat(message.html())
        .contains(
            "<title>[IG-2024-09-23-002] Incident in progress – Trunk &quot;SIP&quot; &amp; &lt;co&gt;</title>")
        .contains("Impact &lt;b&gt;fort&lt;/b&gt;")
        .doesNotContain("<b>", "<co>");
  }

  @Test
  void announcementSaysWhenToUseTheNumber() {
    Recipient fr = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    Recipient en = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.EN);

    assertThat(
            Templates.render(
                    NotificationType.BACKUP_NUMBER_ANNOUNCEMENT, Fixtures.announcement(), fr)
                .text())
        .contains("Numéro de support de secours : 09 70 00 12 34")
        .contains("uniquement en cas de panne de nos numéros principaux (04 66 00 00 00)");
    assertThat(
            Templates.render(
                    NotificationType.BACKUP_NUMBER_ANNOUNCEMENT, Fixtures.announcement(), en)
                .text())
        .contains("Backup support number: 09 70 00 12 34")
        .contains("only when our main support numbers (04 66 00 00 00) are down");
  }

  @Test
  void missingFactsAreNamed() {
    Recipient r = Fixtures.recipient("bistrot", "gerance@bistrot.fr", Language.FR);
    assertThatThrownBy(
            () -> Templates.render(NotificationType.INCIDENT_UPDATE, Fixtures.opened(), r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("incident.publicUpdate: required for INCIDENT_UPDATE");
    assertThatThrownBy(
            () -> Templates.render(NotificationType.INCIDENT_RESOLVED, Fixtures.opened(), r))
        .hasMessage("incident.resolvedAt: required for INCIDENT_RESOLVED");
    assertThatThrownBy(
            () -> Templates.render(NotificationType.INCIDENT_OPENED, Fixtures.announcement(), r))
        .hasMessage("incident: required for INCIDENT_OPENED");
  }
}
