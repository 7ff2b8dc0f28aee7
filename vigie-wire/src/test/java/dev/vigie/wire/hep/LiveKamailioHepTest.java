package dev.vigie.wire.hep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Kamailio (siptrace) mirrors an OPTIONS exchange as HEP v2 or v3 to a UDP socket of this
 * test; each datagram goes through {@link HepSip#decode}, the live listener's entry point. Only
 * 127.0.0.1 and ephemeral ports are used. Needs the {@code kamailio} package.
 */
class LiveKamailioHepTest {
  static final InetAddress LO = InetAddress.getLoopbackAddress();

  @TempDir Path run;

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void kamailioMirrorsDecodeIntoSipEvents(int hepVersion) throws Exception {
    Path cfg = run.resolve("hep-mirror.cfg");
    try (var in = getClass().getResourceAsStream("/kamailio/hep-mirror.cfg")) {
      Files.copy(in, cfg);
    }
    try (DatagramSocket hep = new DatagramSocket(new InetSocketAddress(LO, 0));
        DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LO, 0))) {
      int sipPort = freeUdpPort();
      Process kam = start(cfg, sipPort, hep.getLocalPort(), hepVersion);
      try {
        long before = System.currentTimeMillis() * 1000;
        String callId = awaitAnswer(phone, sipPort, kam);
        List<SipEvent> mirrored = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        hep.setSoTimeout(500);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mirrored.size() < 2 && System.nanoTime() < deadline) {
          DatagramPacket d = new DatagramPacket(new byte[65535], 65535);
          try {
            hep.receive(d);
          } catch (SocketTimeoutException e) {
            continue;
          }
          byte[] b = Arrays.copyOf(d.getData(), d.getLength());
          if (HepSip.decode(b, 0, b.length, 0) instanceof HepSip.Sip s
              && callId.equals(s.event().sip().callId())) {
            mirrored.add(s.event());
            versions.add(((HepPacket) HepDecoder.decode(b)).version());
          }
        }
        long after = System.currentTimeMillis() * 1000;

        assertThat(mirrored).as("request and reply mirrored").hasSize(2);
        assertThat(versions).containsOnly(hepVersion);
        SipEvent request =
            mirrored.stream().filter(e -> e.sip().isRequest()).findFirst().orElseThrow();
        SipEvent reply =
            mirrored.stream().filter(e -> e.sip().isResponse()).findFirst().orElseThrow();
        assertThat(request.src()).isEqualTo(IpAddress.parse("127.0.0.1"));
        assertThat(request.srcPort()).isEqualTo(phone.getLocalPort());
        assertThat(request.dstPort()).isEqualTo(sipPort);
        assertThat(reply.srcPort()).isEqualTo(sipPort);
        assertThat(reply.dstPort()).isEqualTo(phone.getLocalPort());
        assertThat(reply.sip().statusCode()).isEqualTo(200);
        assertThat(request.transport()).isEqualTo(Transport.UDP);
        assertThat(request.captureId()).isEqualTo(4242);
        assertThat(request.timestampMicros()).isBetween(before - 1_000_000, after + 1_000_000);
      } finally {
        kam.descendants().forEach(ProcessHandle::destroy);
        kam.destroy();
        if (!kam.waitFor(10, TimeUnit.SECONDS)) kam.destroyForcibly();
      }
    }
  }

  private Process start(Path cfg, int sipPort, int hepPort, int version) throws IOException {
    List<String> cmd =
        List.of(
            "kamailio",
            "-f",
            cfg.toString(),
            "-DD",
            "-E",
            "-l",
            "udp:127.0.0.1:" + sipPort,
            "-Y",
            run.toString(),
            "-P",
            run.resolve("k.pid").toString(),
            "-m",
            "16",
            "-M",
            "4",
            "-A",
            "HEP_DST=\"sip:127.0.0.1:" + hepPort + "\"",
            "-A",
            "HEP_VERSION=" + version);
    try {
      return new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(run.resolve("kamailio.log").toFile())
          .start();
    } catch (IOException e) {
      return fail("kamailio is needed for this test (Debian package kamailio): " + e.getMessage());
    }
  }

  /** Sends OPTIONS until Kamailio is up and answers 200; returns the Call-ID that was answered. */
  private String awaitAnswer(DatagramSocket phone, int sipPort, Process kam) throws Exception {
    phone.setSoTimeout(200);
    for (int attempt = 0; attempt < 50; attempt++) {
      if (!kam.isAlive()) fail("kamailio exited: " + Files.readString(run.resolve("kamailio.log")));
      String callId = "live-hep-" + attempt + "@vigie";
      byte[] options = options(phone.getLocalPort(), sipPort, callId);
      phone.send(new DatagramPacket(options, options.length, LO, sipPort));
      DatagramPacket d = new DatagramPacket(new byte[4096], 4096);
      try {
        phone.receive(d);
      } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
        continue;
      }
      String reply = new String(d.getData(), 0, d.getLength(), StandardCharsets.UTF_8);
      if (reply.startsWith("SIP/2.0 200") && reply.contains(callId)) return callId;
    }
    return fail(
        "kamailio never answered OPTIONS: " + Files.readString(run.resolve("kamailio.log")));
  }

  private static byte[] options(int localPort, int sipPort, String callId) {
    return ("OPTIONS sip:127.0.0.1:"
            + sipPort
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:"
            + localPort
            + ";branch=z9hG4bK-"
            + callId.hashCode()
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=1\r\n"
            + "To: <sip:127.0.0.1:"
            + sipPort
            + ">\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
      return s.getLocalPort();
    }
  }
}
