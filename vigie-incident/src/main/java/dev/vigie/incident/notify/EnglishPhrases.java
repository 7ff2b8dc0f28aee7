package dev.vigie.incident.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** British English, formal, the same content as {@link FrenchPhrases}. */
final class EnglishPhrases extends Phrases {
  static final EnglishPhrases INSTANCE = new EnglishPhrases();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

  private EnglishPhrases() {}

  @Override
  String colon() {
    return ": ";
  }

  @Override
  String greeting() {
    return "Dear customer,";
  }

  @Override
  String subjectOpened(String number, String services) {
    return "[" + number + "] Incident in progress – " + services;
  }

  @Override
  String subjectUpdate(String number, String services) {
    return "[" + number + "] Incident update – " + services;
  }

  @Override
  String subjectResolved(String number, String services) {
    return "[" + number + "] Incident resolved – " + services;
  }

  @Override
  String subjectAnnouncement(String company) {
    return "Backup support number – " + company;
  }

  @Override
  String openedIntro(String services, int serviceCount) {
    return serviceCount > 1
        ? "We are writing to inform you that an incident is in progress affecting the following"
            + " services: "
            + services
            + "."
        : "We are writing to inform you that an incident is in progress affecting the "
            + services
            + " service.";
  }

  @Override
  String openedNext() {
    return "Our teams are working to restore normal operation as quickly as possible. We will keep"
        + " you informed as the situation develops.";
  }

  @Override
  String updateIntro(String number) {
    return "Here is an update on incident " + number + ":";
  }

  @Override
  String updateNext() {
    return "Our teams remain fully engaged. We will keep you informed as the situation develops.";
  }

  @Override
  String resolvedIntro(String number, String services, int serviceCount) {
    return "We are pleased to inform you that incident "
        + number
        + " is resolved: "
        + (serviceCount > 1
            ? "the " + services + " services are working normally again."
            : "the " + services + " service is working normally again.");
  }

  @Override
  String resolvedNext() {
    return "A post-incident review is being carried out to prevent such an incident from"
        + " happening again.";
  }

  @Override
  String announcementIntro() {
    return "So that you can reach us in all circumstances, we are making a backup support number"
        + " available to you.";
  }

  @Override
  String announcementUsage(String mainNumbers) {
    return "Please use this number only when our main support numbers"
        + (mainNumbers.isEmpty() ? "" : " (" + mainNumbers + ")")
        + " are down. At all other times, please keep calling our usual numbers.";
  }

  @Override
  String announcementKeep() {
    return "We recommend keeping this number at hand and sharing it with the relevant people in"
        + " your organisation.";
  }

  @Override
  String[] backupCallout(String mainNumbers) {
    return new String[] {
      "If our usual support numbers"
          + (mainNumbers.isEmpty() ? "" : " (" + mainNumbers + ")")
          + " cannot be reached, you can call our support on the backup number: ",
      "."
    };
  }

  @Override
  String announcementCallout() {
    return "Backup support number: ";
  }

  @Override
  String statusLinkOpen() {
    return "Follow the incident on our status page:";
  }

  @Override
  String statusLinkResolved() {
    return "The course of the incident remains available on our status page:";
  }

  @Override
  String statusLinkAnnouncement() {
    return "During an incident, the state of our services is shown on our status page:";
  }

  @Override
  String apology() {
    return "We apologise for any inconvenience caused.";
  }

  @Override
  List<String> signature(String company) {
    return List.of("Kind regards,", "The " + company + " support team");
  }

  @Override
  String footer(String clientName) {
    return "Service message sent to the registered contacts of " + clientName + ".";
  }

  @Override
  String labelReference() {
    return "Reference";
  }

  @Override
  String labelTitle() {
    return "Title";
  }

  @Override
  String labelStart() {
    return "Start of the incident";
  }

  @Override
  String labelEnd() {
    return "End of the incident";
  }

  @Override
  String labelDuration() {
    return "Duration";
  }

  @Override
  String labelUpdate() {
    return "Update";
  }

  @Override
  String labelServices() {
    return "Impacted service(s)";
  }

  @Override
  String labelImpact() {
    return "Client impact";
  }

  @Override
  String labelStatus() {
    return "Status";
  }

  /** "23 September 2024 at 07:40 (Europe/Paris)": the zone is always named for English readers. */
  @Override
  String time(Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone)) + " (" + zone.getId() + ")";
  }
}
