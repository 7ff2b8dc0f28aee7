package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The status page banner that gives the backup support number while main support numbers are
 * declared down (by an operator or a probe). The status page renders {@link Decision#text}; the
 * wording matches the client emails.
 *
 * <p>Rule: shown as soon as one main number is down (callers may be dialling that one), naming the
 * numbers that are down when only some are; hidden when all are up. With no main number configured,
 * the banner shows only if the caller declares the support line down as a whole ({@code allDown}).
 * Pure and thread-safe.
 */
public final class BackupBanner {
  private BackupBanner() {}

  /** Why the banner is shown or hidden. */
  public enum Reason {
    ALL_MAIN_NUMBERS_DOWN,
    SOME_MAIN_NUMBERS_DOWN,
    MAIN_NUMBERS_UP
  }

  /**
   * The decision and, when shown, the banner text in each language.
   *
   * @param french the French text, {@code null} when hidden
   * @param english the English text, {@code null} when hidden
   */
  public record Decision(Reason reason, String french, String english) {
    public boolean shown() {
      return reason != Reason.MAIN_NUMBERS_UP;
    }

    public String text(Language language) {
      return switch (language) {
        case FR -> french;
        case EN -> english;
      };
    }
  }

  /**
   * Decides from the numbers declared down.
   *
   * @param down main numbers declared down (compared ignoring spaces, dots and dashes); numbers
   *     that are not main numbers are ignored
   * @param allDown the support line as a whole is declared down, whatever the numbers
   */
  public static Decision decide(
      NotificationContext context, Collection<String> down, boolean allDown) {
    Set<String> downDigits =
        down.stream().map(BackupBanner::digits).collect(java.util.stream.Collectors.toSet());
    List<String> downMain =
        context.mainNumbers().stream().filter(n -> downDigits.contains(digits(n))).toList();
    String backup = context.backupNumber();
    if (allDown || (!downMain.isEmpty() && downMain.size() == context.mainNumbers().size())) {
      return new Decision(
          Reason.ALL_MAIN_NUMBERS_DOWN,
          "Nos numéros de support habituels sont actuellement indisponibles. Pour joindre notre"
              + " support, appelez le numéro de secours : "
              + backup
              + ".",
          "Our usual support numbers are currently unavailable. To reach our support, call the"
              + " backup number: "
              + backup
              + ".");
    }
    if (!downMain.isEmpty()) {
      String numbers = String.join(", ", downMain);
      boolean one = downMain.size() == 1;
      return new Decision(
          Reason.SOME_MAIN_NUMBERS_DOWN,
          (one
                  ? "Le numéro de support " + numbers + " est"
                  : "Les numéros de support " + numbers + " sont")
              + " actuellement indisponible"
              + (one ? "" : "s")
              + ". Si vous ne parvenez pas à nous joindre, appelez le numéro de secours : "
              + backup
              + ".",
          "Support number"
              + (one ? " " : "s ")
              + numbers
              + (one ? " is" : " are")
              + " currently unavailable. If you cannot reach us, call the backup number: "
              + backup
              + ".");
    }
    return new Decision(Reason.MAIN_NUMBERS_UP, null, null);
  }

  private static String digits(String number) {
    return number.replaceAll("[^0-9+]", "");
  }
}
