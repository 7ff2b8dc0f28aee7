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

/**
 * The one-pass user scans ({@code SipUri.userRange} for any header, {@code requestUserRange} for a
 * Request-URI) find exactly what the original four-pass scan (kept here as the reference) found.
 */
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
        "sip:100>1@h",
        "\"Alice\" <sip:1001@example.com>;tag=abc",
        "<sip:1001@example.com;transport=udp>;tag=1",
        "sip:1001@example.com;tag=1",
        "<tel:+3312345;phone-context=x>",
        "\"a\\\"<b\" <sip:2@h>",
        "a@b;c:d@e"
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
    return Arbitraries.strings().withChars("sipte:l@;<>\" \t19+.a=\\\r").ofMaxLength(24);
  }

  private static void assertSame(String uri) {
    byte[] b = ("X" + uri).getBytes(StandardCharsets.ISO_8859_1); // offset 0 means "absent"
    long expected = reference(b, 1, b.length);
    assertThat(SipUri.userRange(b, 1, b.length)).as(uri).isEqualTo(expected);
    assertThat(SipUri.requestUserRange(b, 1, b.length)).as(uri).isEqualTo(expected);
  }

  // ---- the original scan: the URI's start, its end, then ':' and '@' in it

  static long reference(byte[] b, int s, int e) {
    if (s <= 0) return -1;
    int us = SipUri.uriStart(b, s, e); // unchanged: where the URI begins
    int ue = refUriEnd(b, us, e);
    int colon = indexOf(b, us, ue, (byte) ':');
    if (colon < 0) return -1;
    int at = indexOf(b, colon + 1, ue, (byte) '@');
    if (at < 0) {
      if (!(colon - us == 3
          && new String(b, us, 3, StandardCharsets.ISO_8859_1).equalsIgnoreCase("tel"))) return -1;
      int end = colon + 1;
      while (end < ue && b[end] != ';' && b[end] != '>') end++;
      return end == colon + 1 ? -1 : (long) (colon + 1) << 32 | end;
    }
    int end = at;
    for (int i = colon + 1; i < at; i++) {
      if (b[i] == ':' || b[i] == ';') {
        end = i;
        break;
      }
    }
    return (long) (colon + 1) << 32 | end;
  }

  private static int refUriEnd(byte[] b, int us, int e) {
    for (int i = us; i < e; i++) {
      byte c = b[i];
      if (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return i;
      if (c == ';' && indexOf(b, us, i, (byte) '@') >= 0) return i;
    }
    return e;
  }

  private static int indexOf(byte[] b, int s, int e, byte c) {
    for (int i = s; i < e; i++) if (b[i] == c) return i;
    return -1;
  }
}
