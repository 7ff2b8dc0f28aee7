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
 * Request-URI) find exactly what the original four-pass scan (kept here as the reference) found;
 * the searches that read eight bytes at a time ({@code indexOf}, the parameter search) find what a
 * byte-by-byte loop found.
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

  /** Longer ones, mostly letters and digits: the scans that read eight bytes at a time. */
  @Property(tries = 3000)
  void longUris(@ForAll("longUris") String uri) {
    assertSame(uri);
  }

  @Provide
  Arbitrary<String> longUris() {
    return Arbitraries.strings()
        .withChars("sipte:l@;<>\" \t19+.a=\\\rabcdefgh0123456789")
        .ofMaxLength(72);
  }

  /** {@code SipUri.indexOf} (eight bytes at a time) finds the first byte a plain loop finds. */
  @Property(tries = 3000)
  void indexOfFindsTheFirst(
      @ForAll("longUris") String text, @ForAll("special") char c, @ForAll int cut) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    int s = b.length == 0 ? 0 : Math.floorMod(cut, b.length + 1);
    assertThat(SipUri.indexOf(b, s, b.length, (byte) c))
        .as("%s from %d", text, s)
        .isEqualTo(indexOf(b, s, b.length, (byte) c));
  }

  /**
   * Header parameters (a To tag, a Contact expires) found as a byte-by-byte search finds them,
   * never inside the URI's brackets.
   */
  @Property(tries = 3000)
  void paramsFoundAsBefore(@ForAll("params") String value, @ForAll("names") String name) {
    byte[] b = ("X" + value).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SipUri.paramRange(b, 1, b.length, name))
        .as("%s in %s", name, value)
        .isEqualTo(referenceParam(b, 1, b.length, name));
  }

  @Provide
  Arbitrary<Character> special() {
    return Arbitraries.of('<', '>', ';', '@', ':', '"', 'a', '\u00e9');
  }

  @Provide
  Arbitrary<String> params() {
    return Arbitraries.strings().withChars("<sip:1@h>;tag=xTAG ;\t\"=,\rexpires\\").ofMaxLength(60);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("tag", "expires", "x");
  }

  // ---- the byte-by-byte parameter search kept as the reference

  // RFC 3261 section 20.10: a name-addr's own parameters follow the '>' closing the URI, which
  // opens at the first '<' outside a quoted display name; an addr-spec's follow the URI
  private static long referenceParam(byte[] b, int s, int e, String name) {
    int lt = -1;
    boolean quoted = false;
    for (int i = s; i < e && lt < 0; i++) {
      if (quoted && b[i] == '\\') i++;
      else if (b[i] == '"') quoted = !quoted;
      else if (!quoted && b[i] == '<') lt = i;
    }
    if (lt < 0) return referenceParamIn(b, s, e, name);
    int gt = indexOf(b, lt + 1, e, (byte) '>');
    return gt < 0 ? -1 : referenceParamIn(b, gt + 1, e, name);
  }

  private static long referenceParamIn(byte[] b, int s, int e, String name) {
    int n = name.length();
    for (int i = s; i < e; i++) {
      if (b[i] != ';') continue;
      int p = i + 1;
      while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
      if (p + n <= e && SipUri.regionEqualsIgnoreCase(b, p, name)) {
        int q = p + n;
        while (q < e && (b[q] == ' ' || b[q] == '\t')) q++;
        if (q < e && b[q] == '=') {
          int vs = q + 1;
          while (vs < e && (b[vs] == ' ' || b[vs] == '\t')) vs++;
          int ve = vs;
          if (vs < e && b[vs] == '"') {
            vs++;
            ve = indexOf(b, vs, e, (byte) '"');
            if (ve < 0) ve = e;
          } else {
            while (ve < e
                && b[ve] != ';'
                && b[ve] != ','
                && b[ve] != '>'
                && b[ve] != ' '
                && b[ve] != '\r') ve++;
          }
          return (long) vs << 32 | ve;
        }
        if (q >= e || b[q] == ';') return (long) q << 32 | q;
      }
    }
    return -1;
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
