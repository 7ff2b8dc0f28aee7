package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass Request-URI user scan finds exactly what the general URI scan finds. */
class RequestUriUserTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sip:1001@10.0.0.1:5060",
        "sip:1001@10.0.0.1;transport=udp",
        "sips:alice:secret@example.com",
        "sip:1001;npdi@host",
        "sip:10.0.0.1:5060",
        "tel:+441234567;phone-context=example.com",
        "tel:+441234567",
        "tel:;x",
        "sip:@host",
        "<sip:1001@h>",
        " sip:1001@h",
        "\"a<b\" <sip:9@h>",
        "sip",
        "",
        "sip:1001@h>x",
        "sip:100>1@h"
      })
  void examples(String uri) {
    assertSame(uri);
  }

  @Property(tries = 3000)
  void randomUris(@ForAll("uris") String uri) {
    assertSame(uri);
  }

  @Provide
  Arbitrary<String> uris() {
    return Arbitraries.strings().withChars("sipte:l@;<>\" \t19+.a=").ofMaxLength(24);
  }

  private static void assertSame(String uri) {
    byte[] b = ("X" + uri).getBytes(StandardCharsets.ISO_8859_1); // offset 0 means "absent"
    assertThat(SipUri.requestUserRange(b, 1, b.length))
        .as(uri)
        .isEqualTo(SipUri.userRange(b, 1, b.length));
  }
}
