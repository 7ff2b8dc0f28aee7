package dev.vigie.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void theDefaultIsPbkdf2Sha256WithAtLeast600kIterationsAndARandomSalt() {
    String a = hasher.hash("correct horse battery");
    String b = hasher.hash("correct horse battery");
    assertThat(a).startsWith("pbkdf2-sha256$600000$");
    assertThat(PasswordHasher.iterationsOf(a)).isGreaterThanOrEqualTo(600_000);
    assertThat(a).isNotEqualTo(b); // salted
    assertThat(hasher.verify("correct horse battery", a)).isTrue();
    assertThat(hasher.verify("correct horse battery", b)).isTrue();
    assertThat(hasher.verify("correct horse batterx", a)).isFalse();
  }

  @Test
  void aHashKeepsItsOwnIterationCount() {
    String fast = new PasswordHasher(1000).hash("s3cret-s3cret");
    assertThat(fast).startsWith("pbkdf2-sha256$1000$");
    assertThat(hasher.verify("s3cret-s3cret", fast)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // empty
        "plain-text-password", // not our format
        "pbkdf2-sha256$x$AAAA$AAAA", // bad iteration count
        "pbkdf2-sha256$1000$!!!$AAAA", // bad base64
        "bcrypt$10$abc$def" // another algorithm
      })
  void malformedStoredValuesNeverVerify(String stored) {
    assertThat(hasher.verify("anything", stored)).isFalse();
  }
}
