package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Http;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 point 3: 300 HEP datagrams whose ~60 compressed chunks inflate to 1 MiB each, sent
 * together with a real attack (svwar's capture replayed as HEP by {@code vigie replay}): the attack
 * is still detected within a few seconds, every bomb is refused and counted, and the inflation the
 * bombs cost stays within the budget.
 */
@Timeout(120)
class SecurityIngestBombTest {
  @TempDir Path dir;

  /** A HEP3 datagram of {@code n} compressed chunks (type 16), each 1 MiB of zeros inflated. */
  static byte[] bomb(int n) {
    Deflater d = new Deflater(9);
    d.setInput(new byte[1 << 20]);
    d.finish();
    byte[] buf = new byte[8192];
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    while (!d.finished()) z.write(buf, 0, d.deflate(buf));
    d.end();
    byte[] mib = z.toByteArray();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {'H', 'E', 'P', '3', 0, 0});
    // IPv4 addresses, ports and protocol type SIP, as a capture agent sends them
    o.writeBytes(new byte[] {0, 0, 0, 1, 0, 7, 2});
    o.writeBytes(new byte[] {0, 0, 0, 3, 0, 10, (byte) 198, 51, 100, 9});
    o.writeBytes(new byte[] {0, 0, 0, 4, 0, 10, 127, 0, 0, 1});
    o.writeBytes(new byte[] {0, 0, 0, 7, 0, 8, 0x13, (byte) 0xC4});
    o.writeBytes(new byte[] {0, 0, 0, 8, 0, 8, 0x13, (byte) 0xC4});
    o.writeBytes(new byte[] {0, 0, 0, 11, 0, 7, 1});
    for (int i = 0; i < n; i++) {
      int len = mib.length + 6;
      o.writeBytes(new byte[] {0, 0, 0, 16, (byte) (len >>> 8), (byte) len});
      o.writeBytes(mib);
    }
    byte[] b = o.toByteArray();
    b[4] = (byte) (b.length >>> 8);
    b[5] = (byte) b.length;
    return b;
  }

  @Test
  void anAttackSentAmongInflationBombsIsStillDetectedInTime() throws Exception {
    byte[] bomb = bomb(60);
    assertThat(bomb.length).isLessThan(65_507); // one UDP datagram
    try (ServerFixture f = ServerFixture.start(dir, Live.inventoryYaml())) {
      Http http = f.http();
      int port = f.hepPort();
      // 300 bombs, spread over the attack's replay (about 3 s), and the attack itself
      var bombs =
          CompletableFuture.runAsync(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
              for (int i = 0; i < 300; i++) {
                s.send(
                    new DatagramPacket(bomb, bomb.length, InetAddress.getLoopbackAddress(), port));
                if (i % 10 == 9) Thread.sleep(50);
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      long t0 = System.nanoTime();
      Cli r =
          Cli.run(
              "replay",
              Live.repo().resolve("testdata/captures/svwar.sip.pcap").toString(),
              "--to",
              "127.0.0.1:" + port,
              "--rate",
              "200");
      assertThat(r.exit()).as(r.err()).isZero();
      long replayed = System.nanoTime();
      bombs.join();
      boolean detected =
          Live.await(
              5000,
              () ->
                  Live.alerts(http).stream()
                      .anyMatch(a ->
                          a.path("kind").asText().equals("ENUMERATION")
                              && a.path("source").asText().equals("127.0.0.66")));
      double afterReplay = (System.nanoTime() - replayed) / 1e9;
      System.out.printf(
          "bombs + svwar: replay took %.1f s, alert %.2f s after the replay ended%n",
          (replayed - t0) / 1e9, afterReplay);
      assertThat(detected).as("svwar detected within 5 s of its replay").isTrue();
      assertThat(
              Live.await(
                  10_000, () -> Live.metric(http, "vigie_ingest_inflate_refused_total") >= 300))
          .as("every bomb refused: " + Live.metric(http, "vigie_ingest_inflate_refused_total"))
          .isTrue();
      assertThat(Live.metric(http, "vigie_ingest_malformed_total")).isEqualTo(300);
      assertThat(Live.metric(http, "vigie_ingest_sip_messages_total")).isEqualTo(328);
      assertThat(Live.metric(http, "vigie_ingest_dropped_total")).isZero();
    }
  }
}
