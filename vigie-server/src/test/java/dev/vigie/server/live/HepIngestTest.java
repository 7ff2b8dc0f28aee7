package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.hep.HepEncoder;
import dev.vigie.wire.hep.HepPacket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HEP listeners against {@code vigie replay}, a real agent over UDP and TCP: the auth key and
 * the capture-agent allow-list, TCP equal to UDP, garbage on one TCP connection, and a burst beyond
 * the ingest queue (dropped and counted, the server stays up).
 */
@Timeout(120)
class HepIngestTest {
  @TempDir Path dir;

  private static String capture(String name) {
    return Live.repo().resolve("testdata/captures/" + name + ".sip.pcap").toString();
  }

  private static void replay(int port, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "replay";
    args[1] = capture("svwar");
    args[2] = "--to";
    args[3] = "127.0.0.1:" + port;
    System.arraycopy(extra, 0, args, 4, extra.length);
    Cli r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("sent 328 SIP messages");
  }

  private static boolean enumeration(Http http) {
    return Live.alerts(http).stream()
        .anyMatch(a ->
            a.path("kind").asText().equals("ENUMERATION")
                && a.path("source").asText().equals("127.0.0.66"));
  }

  @Test
  void packetsWithoutTheKeyOrFromAnotherAgentAreDroppedAndCounted() throws Exception {
    String yaml =
        Live.inventoryYaml()
            + "\nserver:\n  hep:\n    authKey: s3cret\n    allowedCaptureIds: [2001]\n";
    try (ServerFixture f = ServerFixture.start(dir, yaml)) {
      Http http = f.http();
      replay(f.hepPort(), "--rate", "0"); // no key
      // the server closes this connection at its first packet: the replay may fail to write
      Cli.run(
          "replay",
          capture("svwar"),
          "--to",
          "127.0.0.1:" + f.hepPort(),
          "--rate",
          "0",
          "--tcp",
          "--auth-key",
          "wrong",
          "--capture-id",
          "2001");
      replay(f.hepPort(), "--rate", "0", "--auth-key", "s3cret", "--capture-id", "7");
      // UDP: every packet is rejected; TCP: the first packet without the key closes the connection
      assertThat(Live.await(5000, () -> Live.metric(http, "vigie_ingest_rejected_total") == 657))
          .as("328 + 1 + 328 rejected, got " + Live.metric(http, "vigie_ingest_rejected_total"))
          .isTrue();
      Thread.sleep(1500);
      assertThat(Live.metric(http, "vigie_ingest_sip_messages_total")).isZero();
      assertThat(Live.alerts(http)).isEmpty();

      replay(f.hepPort(), "--rate", "0", "--tcp", "--auth-key", "s3cret", "--capture-id", "2001");
      assertThat(Live.await(5000, () -> enumeration(http))).isTrue();
      assertThat(Live.metric(http, "vigie_ingest_sip_messages_total")).isEqualTo(328);
    }
  }

  @Test
  void tcpGivesTheSameAlertsAsUdpAndGarbageClosesOnlyItsConnection() throws Exception {
    try (ServerFixture udp = ServerFixture.start(dir.resolve("udp"), Live.inventoryYaml());
        ServerFixture tcp = ServerFixture.start(dir.resolve("tcp"), Live.inventoryYaml())) {
      // garbage on one TCP connection while a good one stays open
      try (Socket good = new Socket("127.0.0.1", tcp.hepPort());
          Socket bad = new Socket("127.0.0.1", tcp.hepPort())) {
        bad.setSoTimeout(5000);
        bad.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = bad.getInputStream();
        assertThat(in.read()).as("the server closes the garbage connection").isEqualTo(-1);
        OutputStream o = good.getOutputStream();
        byte[] options =
            ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.5:5060;branch=z9hG4bK1\r\n"
                    + "From: <sip:a@127.0.0.5>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: g1\r\n"
                    + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        o.write(
            HepEncoder.encode(
                HepPacket.sip(
                    IpAddress.parse("127.0.0.5"),
                    5060,
                    IpAddress.parse("127.0.0.1"),
                    5060,
                    17,
                    System.currentTimeMillis() * 1000,
                    1,
                    options)));
        o.flush();
        Http h = tcp.http();
        assertThat(Live.await(3000, () -> Live.metric(h, "vigie_ingest_sip_messages_total") == 1))
            .as("the good connection still delivers")
            .isTrue();
        assertThat(Live.metric(h, "vigie_hep_framing_errors_total")).isEqualTo(1);
      }
      // the same capture at its own timing, over UDP and over TCP, at the same time
      var overUdp = CompletableFuture.runAsync(() -> replay(udp.hepPort()));
      var overTcp = CompletableFuture.runAsync(() -> replay(tcp.hepPort(), "--tcp"));
      CompletableFuture.allOf(overUdp, overTcp).join();
      Thread.sleep(3000);
      Set<Live.Key> fromUdp = Live.keys(Live.alerts(udp.http()));
      Set<Live.Key> fromTcp = Live.keys(Live.alerts(tcp.http()));
      assertThat(fromUdp).contains(new Live.Key("ENUMERATION", "127.0.0.66", "proxy-lab"));
      assertThat(fromTcp).isEqualTo(fromUdp);
    }
  }

  @Test
  void hepVersionsOneTwoAndThreeAreAllReadOverUdp() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir, Live.inventoryYaml());
        java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      byte[] sip =
          ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.5:5060;branch=z9hG4bK2\r\n"
                  + "From: <sip:a@127.0.0.5>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: v\r\n"
                  + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      HepPacket p =
          HepPacket.sip(
              IpAddress.parse("127.0.0.5"),
              5060,
              IpAddress.parse("127.0.0.1"),
              5060,
              17,
              System.currentTimeMillis() * 1000,
              1,
              sip);
      for (byte[] b :
          List.of(HepEncoder.encodeV1V2(1, p), HepEncoder.encodeV1V2(2, p), HepEncoder.encode(p))) {
        s.send(
            new java.net.DatagramPacket(
                b, b.length, java.net.InetAddress.getLoopbackAddress(), f.hepPort()));
      }
      Http http = f.http();
      assertThat(Live.await(3000, () -> Live.metric(http, "vigie_ingest_sip_messages_total") == 3))
          .as("v1, v2 and v3 each give one SIP message")
          .isTrue();
      assertThat(Live.metric(http, "vigie_ingest_malformed_total")).isZero();
    }
  }

  @Test
  void aBurstBeyondTheQueueIsDroppedAndCountedAndTheServerStaysUp() throws Exception {
    String yaml = Live.inventoryYaml() + "\nserver:\n  hep:\n    queueCapacity: 256\n";
    try (ServerFixture f = ServerFixture.start(dir, yaml)) {
      Http http = f.http();
      Cli r =
          Cli.run(
              "replay",
              capture("flood"),
              "--to",
              "127.0.0.1:" + f.hepPort(),
              "--tcp",
              "--rate",
              "0",
              "--loop",
              "60");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("sent 49500 SIP messages");
      // TCP: the client has written everything; the server may still be reading its socket
      assertThat(
              Live.await(
                  15_000,
                  () -> f.server().ingest().received() >= 49500 && f.server().ingest().drained()))
          .isTrue();
      double received = Live.metric(http, "vigie_ingest_received_total");
      double dropped = Live.metric(http, "vigie_ingest_dropped_total");
      double processed = Live.metric(http, "vigie_ingest_sip_messages_total");
      System.out.printf(
          "burst: received %.0f, dropped %.0f, processed %.0f%n", received, dropped, processed);
      assertThat(received).isEqualTo(49500);
      assertThat(dropped).isPositive();
      assertThat(processed + dropped).isEqualTo(received);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      // still listening and detecting after the burst
      replay(f.hepPort(), "--rate", "0");
      assertThat(Live.await(5000, () -> enumeration(http))).isTrue();
    }
  }
}
