package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.incident.Language;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 11, any text renders in client mail: an incident whose title, services, impact and public
 * update hold any string (controls, line breaks, U+FFFE, unpaired surrogates, markup) still gives a
 * notice: a one-line subject without control characters, and bodies with no character XML or UTF-8
 * cannot hold; markup stays text in the HTML part.
 */
class SecurityPublicMailTextTest {

  @Property(tries = 200)
  void everyNoticeRendersAnyText(
      @ForAll("texts") String title,
      @ForAll("texts") String service,
      @ForAll("texts") String impact,
      @ForAll("texts") String update,
      @ForAll("types") NotificationType type,
      @ForAll("languages") Language lang) {
    var facts =
        new IncidentFacts(
            "7",
            "IG-2024-09-23-001",
            title,
            type == NotificationType.INCIDENT_RESOLVED
                ? PublicStatus.RESOLVED
                : PublicStatus.IDENTIFIED,
            impact,
            List.of(service),
            update,
            null,
            Fixtures.STARTED,
            Fixtures.UPDATED,
            type == NotificationType.INCIDENT_RESOLVED ? Fixtures.RESOLVED : null);
    var m =
        Templates.render(
            type, Fixtures.context(facts), Fixtures.recipient("acme", "it@acme.example", lang));
    assertThat(m.subject()).doesNotContain("\r", "\n").contains("IG-2024-09-23-001");
    assertThat(m.subject().chars().noneMatch(Character::isISOControl)).isTrue();
    for (String body : List.of(m.text(), m.html())) {
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1)))
              .as("paired surrogate")
              .isTrue();
          i++;
          continue;
        }
        assertThat(Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
            .as("U+%04X at %d", (int) c, i)
            .isFalse();
        assertThat(c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            .as("control U+%04X at %d", (int) c, i)
            .isFalse();
      }
    }
    assertThat(m.html()).doesNotContain("<script>");
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
    Arbitrary<String> nasty =
        Arbitraries.of(
            "\uFFFE",
            "\uFFFF",
            "\uD800",
            "\uDC00",
            "\u0000\u0007\u001b[31m",
            "ligne\r\nBcc: victime@example.com",
            "<script>alert(1)</script>",
            "😀",
            "\u2028\u2029");
    return Arbitraries.oneOf(any, nasty, Combinators.combine(any, nasty).as((a, b) -> a + b))
        .map(s -> "x" + s + "y");
  }

  @Provide
  Arbitrary<NotificationType> types() {
    return Arbitraries.of(
        NotificationType.INCIDENT_OPENED,
        NotificationType.INCIDENT_UPDATE,
        NotificationType.INCIDENT_RESOLVED);
  }

  @Provide
  Arbitrary<Language> languages() {
    return Arbitraries.of(Language.class);
  }
}
