package dev.vigie.wire.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipMethod;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Captures taken on loopback with tshark while SIPp sent OPTIONS (UDP and TCP) and REGISTER with
 * digest auth to a Kamailio on 127.0.0.1:5090 that mirrored every message as HEP to port 9070
 * (nobody listening: ICMP port-unreachable packets are in there too). tshark counts 16 SIP messages
 * on the wire (4 over TCP) and 16 HEP datagrams in each file.
 */
class RealCaptureTest {

  static Path capture(String name) throws URISyntaxException {
    return Path.of(RealCaptureTest.class.getResource("/captures/" + name).toURI());
  }

  @ParameterizedTest
  @CsvSource({
    // file, format, packets, hep version of the mirror
    "kamailio-hep3-options-register-lo.pcapng, PCAPNG, 41",
    "kamailio-hep3-options-register-lo.pcap, PCAP, 41",
    "kamailio-hep2-options-register-lo-nsec.pcap, PCAP, 41",
    "kamailio-hep3-options-register-any-sll.pcapng, PCAPNG, 41",
    "kamailio-hep3-options-register-any-sll2.pcapng, PCAPNG, 41",
  })
  void decodesWireSipAndTheHepMirror(String file, CaptureFormat format, long packets)
      throws Exception {
    Recorder r = new Recorder();
    CaptureSummary s = CaptureDecoder.read(capture(file), r);
    List<SipEvent> events = r.events;

    assertThat(s.error()).isNull();
    assertThat(r.malformed).isEmpty();
    assertThat(s.format()).isEqualTo(format);
    assertThat(s.packets()).isEqualTo(packets);
    assertThat(s.truncated()).isFalse();
    // 16 on the wire + 16 mirrored as HEP
    assertThat(s.sipMessages()).isEqualTo(32);
    assertThat(events).hasSize(32);
    assertThat(events.stream().filter(e -> e.captureId() == 2001)).hasSize(16);
    assertThat(events.stream().filter(e -> e.transport() == Transport.TCP && e.captureId() == 0))
        .hasSize(4);
    // HEP events carry the addresses of the mirrored message, not of the HEP datagram
    assertThat(events.stream().filter(e -> e.captureId() == 2001))
        .allSatisfy(e -> {
          assertThat(e.src()).isEqualTo(IpAddress.parse("127.0.0.1"));
          assertThat(e.srcPort() == 5090 || e.dstPort() == 5090).isTrue();
          assertThat(e.dstPort()).isNotEqualTo(9070);
        });
    assertThat(events.stream().map(e -> e.sip().statusCode()).filter(c -> c == 401)).hasSize(4);
    assertThat(events.stream().filter(e -> e.sip().hasAuthorization())).hasSize(4);
    assertThat(s.firstPacket()).isPresent();
    assertThat(s.lastPacketMicros() - s.firstPacketMicros()).isBetween(2_000_000L, 5_000_000L);
  }

  /**
   * Taken in two network namespaces joined by a veth with MTU 1400: SIPp sent INVITEs with a 3.5 KB
   * SDP over UDP/IPv4 (fragmented in 3), UDP/IPv6 (fragment headers) and TCP (GRO on the receiving
   * side shows one large segment), each call answered and hung up. tshark counts 36 SIP messages: 6
   * calls of INVITE, 180, 200, ACK, BYE, 200. ICMPv6 with a hop-by-hop header (MLD) is in there
   * too.
   */
  @Test
  void reassemblesRealIpv4AndIpv6FragmentsOfLargeInvites() throws Exception {
    Recorder r = new Recorder();
    CaptureSummary s =
        CaptureDecoder.read(capture("sipp-big-invite-ipv4-ipv6-fragments-tcp-netns.pcapng"), r);
    assertThat(s.error()).isNull();
    assertThat(r.malformed).isEmpty();
    assertThat(s.sipMessages()).isEqualTo(36);
    var invites =
        r.events.stream()
            .filter(e -> e.sip().method() == SipMethod.INVITE && e.sip().isRequest())
            .toList();
    assertThat(invites)
        .hasSize(6)
        .allSatisfy(e -> {
          assertThat(e.sip().length()).isGreaterThan(3000);
          assertThat(e.sip().bodyLength()).isEqualTo(e.sip().contentLength());
        });
    assertThat(invites.stream().filter(e -> e.src().v6())).hasSize(2);
    assertThat(invites.stream().filter(e -> e.transport() == Transport.TCP)).hasSize(2);
    assertThat(r.events.stream().filter(e -> e.src().equals(IpAddress.parse("fd00:77::1"))))
        .hasSize(6);
  }

  /**
   * Kamailio on 127.0.0.1:5090 mirroring as HEP3 over TCP to 127.0.0.1:9071 (a Python sink accepted
   * the connection) while SIPp sent 3 OPTIONS and 2 REGISTER dialogs: tshark counts 14 SIP messages
   * on the wire, each mirrored once on the TCP stream.
   */
  @Test
  void framesARealHepStreamOverTcp() throws Exception {
    Recorder r = new Recorder();
    CaptureSummary s =
        CaptureDecoder.read(capture("kamailio-hep3-over-tcp-options-register-lo.pcapng"), r);
    assertThat(r.malformed).isEmpty();
    assertThat(s.sipMessages()).isEqualTo(28);
    var mirrored = r.events.stream().filter(e -> e.captureId() == 2001).toList();
    assertThat(mirrored)
        .hasSize(14)
        .allSatisfy(e -> assertThat(e.transport()).isEqualTo(Transport.UDP));
    assertThat(mirrored.stream().map(e -> e.sip().callId()).distinct()).hasSize(5);
  }
}
