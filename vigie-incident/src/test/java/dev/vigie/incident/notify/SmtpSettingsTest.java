package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void defaults() {
    SmtpSettings s = SmtpSettings.builder("noc@exemple-telecom.fr").build();

    assertThat(s.host()).isEqualTo("localhost");
    assertThat(s.port()).isEqualTo(25);
    assertThat(s.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
    assertThat(s.username()).isNull();
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.messageIdDomain()).isEqualTo("exemple-telecom.fr");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> SmtpSettings.builder("noc@x.fr").server("relay", 0).build())
        .hasMessage("notifications.smtp.port: must be in 1..65535, got 0");
    assertThatThrownBy(() -> SmtpSettings.builder("noc").build())
        .hasMessage(
            "notifications.smtp.from: expected one email address like name@example.fr, got 'noc'");
    assertThatThrownBy(() -> SmtpSettings.builder("noc@x.fr").auth("user", "").build())
        .hasMessage("notifications.smtp.password: required when username is set (username 'user')");
    assertThatThrownBy(() ->
            SmtpSettings.builder("noc@x.fr")
                .timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build())
        .hasMessage("notifications.smtp.connectTimeout: must be a positive duration, got PT0S");
    assertThatThrownBy(() -> SmtpSettings.builder("noc@x.fr").server(" ", 25).build())
        .hasMessage("notifications.smtp.host: required, got ' '");
  }

  @Test
  void thePasswordIsNeverPrinted() {
    SmtpSettings s = SmtpSettings.builder("noc@x.fr").auth("noc", "s3cr3t-pass").build();

    assertThat(s.toString()).contains("username=noc", "password=***").doesNotContain("s3cr3t");
  }
}
