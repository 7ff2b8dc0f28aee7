package dev.vigie.incident;

import static dev.vigie.incident.TestClock.paris;

import dev.vigie.incident.number.IgNumbering;
import dev.vigie.incident.number.InMemorySequenceSource;
import dev.vigie.incident.report.ReportConfig;
import dev.vigie.incident.report.ReportData;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.store.InMemoryIncidentStore;
import dev.vigie.incident.timeline.TimelineSource;
import java.util.List;

/**
 * The provider's incident of 23/09/2024 (seed report IG-2024-09-23-001), re-entered the way an
 * operator does it through the API: open, eleven timeline rows, transitions, review.
 */
public final class SeedIncident {
  /** The report header of the tests (the seed prints the address; the name is configured). */
  public static final ReportConfig CONFIG =
      new ReportConfig(
          "Opérateur Exemple SAS",
          List.of("1361 Route de Bagnols 30290 Laudun L'Ardoise"),
          IgNumbering.DEFAULT_ZONE);

  /** The eleven rows of the seed's "Déroulement": Paris time, description. */
  public static final List<String[]> ROWS =
      List.of(
          row("07:40", "Remontée d'alerte sur certaines machines SI de notre fournisseur"),
          row(
              "08:00",
              "Le défaut est identifié sur l'infrastructure virtuelle, des mécanismes de sécurité"
                  + " sur l'écriture des machines virtuelles s'activent rendant une partie des"
                  + " machines non exploitables"),
          row(
              "08:10",
              "Augmentation des valeurs des blocages, une amélioration est observée mais le"
                  + " problème perdure sur certaines machines"),
          row(
              "08:30",
              "Redémarrage progressif de la plaque VOIP nous permet d'écarter le problème"
                  + " physique"),
          row("08:45", "Le trafic anormal est identifié et la machine en cause est isolée"),
          row(
              "08:50",
              "La remontée des machines virtuelles est lancée, vérification des métriques liées"
                  + " aux seuils de blocage est faite sur chaque machine redémarrée"),
          row(
              "09:15",
              "L'ensemble des machines sont redémarrées et les vérifications des métriques se"
                  + " poursuivent"),
          row(
              "09:45",
              "Toutes les machines sont démarrées et les vérifications terminées, redémarrage des"
                  + " services VOIP"),
          row("10:15", "Test des services VOIP sur chaque proxy Client"),
          row(
              "10:45",
              "Les tests de remise en production sont terminés, le problème est endigué et les"
                  + " services sont à nouveau fonctionnels"),
          row("11:00", "Communication à nos Clients sur la résolution de l'incident"));

  /** The four paragraphs of the seed's "Analyse Post-Incident". */
  public static final List<String> FINDINGS =
      List.of(
          "L'accès à notre numéro de support téléphonique et à l'ensemble de nos services est trop"
              + " dépendant d'un seul et même fournisseur",
          "Afin de palier à ce souci, nous allons mettre en place un numéro de secours qui"
              + " permettra de joindre nos services qu'en cas de panne sur les numéros principaux"
              + " et ce numéro sera communiqué à nos Clients prochainement par le biais de"
              + " communications par courriel",
          "Un trafic VOIP anormal de ce type ne devrait pas engendrer ce type d'impact, il devrait"
              + " être détecté et isolé de manière proactive. Un correctif sur les métriques de"
              + " détection a été mis en place",
          "Une revue de l'ensemble des plateformes est menée pour déterminer s'il existe encore"
              + " d'autres adhérences entre des services critiques");

  private SeedIncident() {}

  private static String[] row(String time, String description) {
    return new String[] {time, description};
  }

  /** A service over a fresh in-memory store, clocked at the seed's day. */
  public static IncidentService service(TestClock clock) {
    return new IncidentService(
        new InMemoryIncidentStore(clock),
        IgNumbering.paris(new InMemorySequenceSource()),
        clock,
        Wording.FRENCH,
        IncidentCatalog.NONE);
  }

  /** Re-enters the seed incident and returns what its report is made of. */
  public static ReportData enter(IncidentService service, TestClock clock) {
    clock.set(paris("2024-09-23T07:52:00"));
    var incident =
        service.open(
            new NewIncident(
                "Acheminement des appels externes interrompu",
                paris("2024-09-23T07:40:00"),
                List.of("Téléphonie IP 3CX"),
                "Problème d'acheminement des appels entrants / sortants externes",
                "Défaillance sur l'infrastructure virtuelle de notre fournisseur",
                IncidentSeverity.CRITICAL,
                Priority.P1,
                paris("2024-09-23T07:40:00"),
                null,
                null),
            "noc");
    long id = incident.id();
    for (var r : ROWS) {
      var at = paris("2024-09-23T" + r[0] + ":00");
      clock.set(at.plusSeconds(60));
      service.addEntry(id, at, r[1], TimelineSource.OPERATOR, "noc");
    }
    service.transition(
        id, IncidentStatus.INVESTIGATING, 1L, paris("2024-09-23T08:00:00"), "noc", null);
    service.transition(
        id, IncidentStatus.MITIGATED, null, paris("2024-09-23T10:45:00"), "noc", null);
    service.transition(
        id, IncidentStatus.RESOLVED, null, paris("2024-09-23T11:05:00"), "noc", null);
    service.saveReview(id, Review.of(FINDINGS, List.of()), 0);
    return ReportData.load(service.store(), id);
  }
}
