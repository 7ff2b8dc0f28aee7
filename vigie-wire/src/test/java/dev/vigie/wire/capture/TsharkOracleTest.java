package dev.vigie.wire.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against tshark's SIP dissector (an independent implementation): for every real
 * capture, the wire SIP messages Vigie frames, in order, carry the same Call-ID, method, status,
 * From/To user, CSeq number, Request-URI user and From tag as tshark dissects. The HEP mirror
 * (which tshark does not dissect on these ports) must hold the same messages as the wire. Needs
 * {@code tshark} on the PATH.
 */
class TsharkOracleTest {

  static String row(SipMessage m) {
    return String.join(
        "|",
        m.callId(),
        m.isRequest() ? m.methodName() : "",
        m.isRequest() ? "" : Integer.toString(m.statusCode()),
        Objects.toString(m.fromUser(), ""),
        Objects.toString(m.toUser(), ""),
        Long.toString(m.cseqNumber()),
        Objects.toString(m.requestUriUser(), ""),
        Objects.toString(m.fromTag(), ""));
  }

  static List<String> tshark(Path file) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "tshark",
                  "-r",
                  file.toString(),
                  "-Y",
                  "sip",
                  "-T",
                  "fields",
                  "-E",
                  "separator=|",
                  "-E",
                  "occurrence=f",
                  "-e",
                  "sip.Call-ID",
                  "-e",
                  "sip.Method",
                  "-e",
                  "sip.Status-Code",
                  "-e",
                  "sip.from.user",
                  "-e",
                  "sip.to.user",
                  "-e",
                  "sip.CSeq.seq",
                  "-e",
                  "sip.r-uri.user",
                  "-e",
                  "sip.from.tag")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return fail("tshark is needed for this test (Debian package tshark): " + e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kamailio-hep3-options-register-lo.pcapng",
        "kamailio-hep2-options-register-lo-nsec.pcap",
        "kamailio-hep3-options-register-any-sll2.pcapng",
        "kamailio-hep3-over-tcp-options-register-lo.pcapng",
        "sipp-big-invite-ipv4-ipv6-fragments-tcp-netns.pcapng",
      })
  void vigieFramesWhatTsharkDissects(String name) throws Exception {
    Path file = RealCaptureTest.capture(name);
    Recorder r = new Recorder();
    CaptureDecoder.read(file, r);
    List<String> wire =
        r.events.stream().filter(e -> e.captureId() == 0).map(e -> row(e.sip())).toList();
    List<String> mirror =
        r.events.stream()
            .filter(e -> e.captureId() != 0)
            .map(SipEvent::sip)
            .map(TsharkOracleTest::row)
            .toList();

    assertThat(wire).containsExactlyElementsOf(tshark(file));
    if (!mirror.isEmpty()) assertThat(mirror).containsExactlyInAnyOrderElementsOf(wire);
  }
}
