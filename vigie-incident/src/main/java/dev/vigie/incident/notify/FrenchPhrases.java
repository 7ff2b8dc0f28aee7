package dev.vigie.incident.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * French, as the provider's NOC writes to its clients: formal ("vous"), factual, seed-report
 * wording.
 */
final class FrenchPhrases extends Phrases {
  static final FrenchPhrases INSTANCE = new FrenchPhrases();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRENCH);

  private FrenchPhrases() {}

  @Override
  String colon() {
    return " : ";
  }

  @Override
  String greeting() {
    return "Madame, Monsieur,";
  }

  @Override
  String subjectOpened(String number, String services) {
    return "[" + number + "] Incident en cours – " + services;
  }

  @Override
  String subjectUpdate(String number, String services) {
    return "[" + number + "] Point de situation – " + services;
  }

  @Override
  String subjectResolved(String number, String services) {
    return "[" + number + "] Incident résolu – " + services;
  }

  @Override
  String subjectAnnouncement(String company) {
    return "Numéro de support de secours – " + company;
  }

  @Override
  String openedIntro(String services, int serviceCount) {
    return serviceCount > 1
        ? "Nous vous informons qu'un incident est en cours et affecte les services suivants : "
            + services
            + "."
        : "Nous vous informons qu'un incident est en cours et affecte le service " + services + ".";
  }

  @Override
  String openedNext() {
    return "Nos équipes sont mobilisées pour rétablir la situation dans les meilleurs délais. "
        + "Nous vous tiendrons informés de l'évolution de l'incident.";
  }

  @Override
  String updateIntro(String number) {
    return "Voici un point de situation sur l'incident " + number + " :";
  }

  @Override
  String updateNext() {
    return "Nos équipes restent mobilisées. Nous vous tiendrons informés de l'évolution de la"
        + " situation.";
  }

  @Override
  String resolvedIntro(String number, String services, int serviceCount) {
    return serviceCount > 1
        ? "Nous vous informons que l'incident "
            + number
            + " est résolu : les services "
            + services
            + " sont à nouveau fonctionnels."
        : "Nous vous informons que l'incident "
            + number
            + " est résolu : le service "
            + services
            + " est à nouveau fonctionnel.";
  }

  @Override
  String resolvedNext() {
    return "Une analyse post-incident est menée afin d'éviter qu'un tel incident ne se reproduise.";
  }

  @Override
  String announcementIntro() {
    return "Afin que vous puissiez joindre nos services en toutes circonstances, nous mettons à"
        + " votre disposition un numéro de support de secours.";
  }

  @Override
  String announcementUsage(String mainNumbers) {
    return "Ce numéro est à utiliser uniquement en cas de panne de nos numéros principaux"
        + (mainNumbers.isEmpty() ? "" : " (" + mainNumbers + ")")
        + ". En temps normal, nous vous remercions de continuer à nous contacter sur nos numéros"
        + " habituels.";
  }

  @Override
  String announcementKeep() {
    return "Nous vous invitons à conserver ce numéro et à le communiquer aux personnes concernées"
        + " au sein de votre structure.";
  }

  @Override
  String[] backupCallout(String mainNumbers) {
    return new String[] {
      "Si nos numéros de support habituels"
          + (mainNumbers.isEmpty() ? "" : " (" + mainNumbers + ")")
          + " ne répondent pas, vous pouvez joindre notre support au numéro de secours : ",
      "."
    };
  }

  @Override
  String announcementCallout() {
    return "Numéro de support de secours : ";
  }

  @Override
  String statusLinkOpen() {
    return "Suivez l'évolution de l'incident sur notre page d'état :";
  }

  @Override
  String statusLinkResolved() {
    return "Le déroulement de l'incident reste consultable sur notre page d'état :";
  }

  @Override
  String statusLinkAnnouncement() {
    return "En cas d'incident, l'état de nos services est consultable sur notre page d'état :";
  }

  @Override
  String apology() {
    return "Nous vous prions de nous excuser pour la gêne occasionnée.";
  }

  @Override
  List<String> signature(String company) {
    return List.of("Cordialement,", "Le service support – " + company);
  }

  @Override
  String footer(String clientName) {
    return "Message de service adressé aux contacts déclarés de " + clientName + ".";
  }

  @Override
  String labelReference() {
    return "Référence";
  }

  @Override
  String labelTitle() {
    return "Intitulé";
  }

  @Override
  String labelStart() {
    return "Début de l'incident";
  }

  @Override
  String labelEnd() {
    return "Fin de l'incident";
  }

  @Override
  String labelDuration() {
    return "Durée";
  }

  @Override
  String labelUpdate() {
    return "Mise à jour";
  }

  @Override
  String labelServices() {
    return "Service(s) impacté(s)";
  }

  @Override
  String labelImpact() {
    return "Impact client";
  }

  @Override
  String labelStatus() {
    return "État";
  }

  /** "23/09/2024 à 07h40", the seed report's format; the zone is named only if not Paris. */
  @Override
  String time(Instant at, ZoneId zone) {
    String text = TIME.format(at.atZone(zone));
    return zone.equals(NotificationContext.DEFAULT_ZONE) ? text : text + " (" + zone.getId() + ")";
  }
}
