package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.Language;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupBannerTest {
  private static final NotificationContext TWO_MAINS =
      new NotificationContext(
          "Exemple Télécom",
          Fixtures.STATUS,
          null,
          Fixtures.BACKUP,
          List.of("04 66 00 00 00", "04 66 00 00 01"),
          null,
          null);

  @ParameterizedTest(name = "down [{0}], allDown {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // nothing declared down: no banner
        "'' | false | MAIN_NUMBERS_UP | ",
        // a number that is not a main number changes nothing
        "09 99 99 99 99 | false | MAIN_NUMBERS_UP | ",
        // one of two main numbers down, written differently: named in the banner
        "04.66.00.00.01 | false | SOME_MAIN_NUMBERS_DOWN | Le numéro de support 04 66 00 00 01 est actuellement indisponible. Si vous ne parvenez pas à nous joindre, appelez le numéro de secours : 09 70 00 12 34.",
        // both down
        "0466000000;0466000001 | false | ALL_MAIN_NUMBERS_DOWN | Nos numéros de support habituels sont actuellement indisponibles. Pour joindre notre support, appelez le numéro de secours : 09 70 00 12 34.",
        // the support line declared down as a whole
        "'' | true | ALL_MAIN_NUMBERS_DOWN | Nos numéros de support habituels sont actuellement indisponibles. Pour joindre notre support, appelez le numéro de secours : 09 70 00 12 34.",
      })
  void showsTheBackupNumberWhileMainNumbersAreDown(
      String down, boolean allDown, BackupBanner.Reason reason, String french) {
    List<String> numbers = down.isEmpty() ? List.of() : Arrays.asList(down.split(";"));

    BackupBanner.Decision decision = BackupBanner.decide(TWO_MAINS, numbers, allDown);

    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.text(Language.FR)).isEqualTo(french);
    assertThat(decision.shown()).isEqualTo(french != null);
    if (decision.shown()) {
      assertThat(decision.text(Language.EN)).contains("backup number: " + Fixtures.BACKUP);
    }
  }
}
