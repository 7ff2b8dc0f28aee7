package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The wording of client messages in one language. {@link Templates} owns the structure (which
 * blocks, in which order, for each {@link NotificationType}); a language only supplies sentences,
 * labels and the formats of times and durations.
 */
abstract sealed class Phrases permits FrenchPhrases, EnglishPhrases {

  static Phrases of(Language language) {
    return switch (language) {
      case FR -> FrenchPhrases.INSTANCE;
      case EN -> EnglishPhrases.INSTANCE;
    };
  }

  /** Between a label and its value: {@code " : "} in French, {@code ": "} in English. */
  abstract String colon();

  abstract String greeting();

  abstract String subjectOpened(String number, String services);

  abstract String subjectUpdate(String number, String services);

  abstract String subjectResolved(String number, String services);

  abstract String subjectAnnouncement(String company);

  abstract String openedIntro(String services, int serviceCount);

  abstract String openedNext();

  abstract String updateIntro(String number);

  abstract String updateNext();

  abstract String resolvedIntro(String number, String services, int serviceCount);

  abstract String resolvedNext();

  abstract String announcementIntro();

  abstract String announcementUsage(String mainNumbers);

  abstract String announcementKeep();

  /** The incident callout: {@code before} and {@code after} around the backup number. */
  abstract String[] backupCallout(String mainNumbers);

  abstract String announcementCallout();

  abstract String statusLinkOpen();

  abstract String statusLinkResolved();

  abstract String statusLinkAnnouncement();

  abstract String apology();

  abstract List<String> signature(String company);

  abstract String footer(String clientName);

  abstract String labelReference();

  abstract String labelTitle();

  abstract String labelStart();

  abstract String labelEnd();

  abstract String labelDuration();

  abstract String labelUpdate();

  abstract String labelServices();

  abstract String labelImpact();

  abstract String labelStatus();

  abstract String time(Instant at, ZoneId zone);

  /** Whole minutes, e.g. "3 h 25 min", "45 min", "27 h 5 min" (no days: incidents are short). */
  static String duration(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    long hours = minutes / 60;
    return hours > 0 ? hours + " h " + minutes % 60 + " min" : minutes + " min";
  }
}
