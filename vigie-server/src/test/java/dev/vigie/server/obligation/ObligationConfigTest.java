package dev.vigie.server.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.obligation.Thresholds;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code obligations:} section: the regulation's defaults, errors naming key and value. */
class ObligationConfigTest {
  @TempDir Path dir;

  private ObligationConfig read(String yaml) throws Exception {
    Path f = dir.resolve("vigie.yaml");
    Files.writeString(f, yaml);
    return ObligationConfig.from(ServeConfig.load(f, Map.of()));
  }

  @Test
  void defaultsAreTheRegulations() throws Exception {
    var c = read("server: {http: '127.0.0.1:8081'}\n");
    assertThat(c.settings().thresholds()).isEqualTo(Thresholds.REGULATION);
    assertThat(c.settings().clientNoticeTarget()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.settings().reminderBefore()).isEqualTo(Duration.ofHours(4));
    assertThat(c.settings().totalUsers()).isZero();
    assertThat(c.nocEmail()).isNull();
    assertThat(c.consoleUrl()).isEqualTo("http://127.0.0.1:8081");
  }

  @Test
  void settingsAreRead() throws Exception {
    var c =
        read(
            "obligations:\n  thresholds: {unavailableOver: 10m, limitedOver: 2h,"
                + " limitedUsersPercent: '2,5', limitedUsersCap: 5000}\n  totalUsers: 400\n"
                + "  clientNoticeTarget: 5m\n  reminderBefore: 1h\n  nocEmail: noc@example.fr\n");
    assertThat(c.settings().thresholds())
        .isEqualTo(new Thresholds(Duration.ofMinutes(10), Duration.ofHours(2), 2.5, 5000));
    assertThat(c.settings().totalUsers()).isEqualTo(400);
    assertThat(c.settings().clientNoticeTarget()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.nocEmail()).isEqualTo("noc@example.fr");
  }

  @Test
  void everyBadValueIsNamed() {
    assertThatThrownBy(() ->
            read(
                "obligations:\n  thresholds: {unavailableOver: soon, limitedUsersPercent: 120}\n"
                    + "  reminderBefore: 0s\n  nocEmail: 'noc, ops@example.fr'\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("obligations.thresholds.unavailableOver: 'soon' is not a duration")
        .hasMessageContaining(
            "obligations.thresholds.limitedUsersPercent: '120' is not a percentage within 0..100")
        .hasMessageContaining("obligations.reminderBefore: 'PT0S' must be positive")
        .hasMessageContaining(
            "obligations.nocEmail: 'noc, ops@example.fr' is not one email address");
  }
}
