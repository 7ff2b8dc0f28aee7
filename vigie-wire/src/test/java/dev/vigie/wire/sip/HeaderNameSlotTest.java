package dev.vigie.wire.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code SipFramer.slotOf}, the header-name lookup of every header line, finds the slot the plain
 * rule gives: each byte, with 0x20 set (ASCII lower case), equal to the name's; compact forms by
 * their one letter. Checked on the names in random case, one byte changed, at the end of the buffer
 * (the eight-byte reads stay inside it) and on random bytes.
 */
class HeaderNameSlotTest {
  private static final Map<String, Integer> NAMES =
      Map.ofEntries(
          Map.entry("to", SipMessage.TO),
          Map.entry("via", SipMessage.VIA),
          Map.entry("from", SipMessage.FROM),
          Map.entry("cseq", SipMessage.CSEQ),
          Map.entry("server", SipMessage.SERVER),
          Map.entry("call-id", SipMessage.CALL_ID),
          Map.entry("contact", SipMessage.CONTACT),
          Map.entry("expires", SipMessage.EXPIRES),
          Map.entry("user-agent", SipMessage.USER_AGENT),
          Map.entry("authorization", SipMessage.AUTHORIZATION),
          Map.entry("content-length", SipMessage.CONTENT_LENGTH),
          Map.entry("www-authenticate", SipMessage.WWW_AUTHENTICATE),
          Map.entry("proxy-authenticate", SipMessage.WWW_AUTHENTICATE),
          Map.entry("proxy-authorization", SipMessage.AUTHORIZATION),
          Map.entry("i", SipMessage.CALL_ID),
          Map.entry("f", SipMessage.FROM),
          Map.entry("t", SipMessage.TO),
          Map.entry("v", SipMessage.VIA),
          Map.entry("m", SipMessage.CONTACT),
          Map.entry("l", SipMessage.CONTENT_LENGTH));

  @Property(tries = 5000)
  void knownNamesInAnyCaseAndTheirNearMisses(@ForAll("names") byte[] name, @ForAll boolean atEnd) {
    check(name, atEnd);
  }

  @Property(tries = 3000)
  void randomBytes(@ForAll("bytes") byte[] name, @ForAll boolean atEnd) {
    check(name, atEnd);
  }

  /**
   * The name at offset 3 of a buffer, followed by ": x\r\n\r\n" or by nothing (the buffer's end).
   */
  private static void check(byte[] name, boolean atEnd) {
    byte[] tail = atEnd ? new byte[0] : ": x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[3 + name.length + tail.length];
    System.arraycopy(name, 0, b, 3, name.length);
    System.arraycopy(tail, 0, b, 3 + name.length, tail.length);
    assertThat(SipFramer.slotOf(b, 3, name.length))
        .as("%s", new String(name, StandardCharsets.ISO_8859_1))
        .isEqualTo(reference(name));
  }

  private static int reference(byte[] name) {
    StringBuilder folded = new StringBuilder();
    for (byte x : name) {
      int c = x | 0x20; // what a header name compares: negative (not ASCII) matches nothing
      folded.append(c < 0 ? '\uffff' : (char) c);
    }
    return NAMES.getOrDefault(folded.toString(), -1);
  }

  @Provide
  Arbitrary<byte[]> names() {
    Arbitrary<String> known = Arbitraries.of(NAMES.keySet().toArray(String[]::new));
    Arbitrary<Long> seeds = Arbitraries.longs();
    Arbitrary<Integer> mutate = Arbitraries.integers().between(0, 3);
    return Combinators.combine(known, seeds, mutate)
        .as((n, seed, how) -> {
          java.util.Random r = new java.util.Random(seed);
          byte[] b = n.getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < b.length; i++) if (r.nextBoolean()) b[i] ^= 0x20; // case
          if (how == 1) b[r.nextInt(b.length)] = (byte) r.nextInt(256); // one byte changed
          if (how == 2) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); // one bit
          return b;
        });
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(24);
  }
}
