package dev.vigie.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.SmtpSettings;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code notifications:} section: defaults, and errors naming the key and the bad value. */
class NotificationSettingsTest {
  @TempDir Path dir;

  private NotificationSettings read(String yaml) throws Exception {
    Path f = dir.resolve("vigie.yaml");
    Files.writeString(f, yaml);
    return NotificationSettings.from(ServeConfig.load(f, Map.of()));
  }

  @Test
  void defaultsQueueWithoutSendingAndLinkToTheServersOwnStatusPage() throws Exception {
    NotificationSettings s = read("server: {http: '127.0.0.1:8081'}\ncompany: {name: Exemple}\n");
    assertThat(s.smtp()).isNull();
    assertThat(s.statusPage()).hasToString("http://127.0.0.1:8081/status");
    assertThat(s.clientPage("abc")).hasToString("http://127.0.0.1:8081/status/c/abc");
    assertThat(s.companyName()).isEqualTo("Exemple");
    assertThat(s.defaultLanguage()).isEqualTo(Language.FR);
    assertThat(s.tickInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void smtpSettingsAreRead() throws Exception {
    NotificationSettings s =
        read(
            "notifications:\n  defaultLanguage: en\n  smtp: {host: relay.example, port: 587,"
                + " starttls: true, username: u, password: p, from: noc@example.fr}\n");
    assertThat(s.smtp().host()).isEqualTo("relay.example");
    assertThat(s.smtp().port()).isEqualTo(587);
    assertThat(s.smtp().security()).isEqualTo(SmtpSettings.Security.STARTTLS);
    assertThat(s.smtp().toString()).doesNotContain("password=p");
    assertThat(s.defaultLanguage()).isEqualTo(Language.EN);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // the relay's port is checked by SmtpSettings
        "smtp: {from: a@b.fr, port: 0}|notifications.smtp.port|0",
        // a sender is required once smtp is set
        "smtp: {host: x}|notifications.smtp.from|required",
        "smtp: {from: 'a@b.fr, c@d.fr'}|notifications.smtp.from|c@d.fr",
        "smtp: {from: a@b.fr, security: SSL}|notifications.smtp.security|SSL",
        "smtp: {from: a@b.fr, username: u}|notifications.smtp.password|required",
        "statusPageUrl: 'status page'|notifications.statusPageUrl|status page",
        "defaultLanguage: de|notifications.defaultLanguage|de",
        "tickInterval: soon|notifications.tickInterval|soon",
        "retry: {jitter: 2}|notifications.retry.jitter|2",
        "batchSize: 0|notifications.batchSize|0",
      })
  void badValuesNameTheKeyAndTheValue(String section, String key, String value) {
    assertThatThrownBy(() -> read("notifications:\n  " + section + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value);
  }
}
