package dev.vigie.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.server.Http;
import dev.vigie.server.cli.Cli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 point 2 reproduced: 64 KB HEP datagrams (a compressed chunk plus padding) at 2,000/s for
 * 5 s into {@code vigie serve} run as the launcher runs it ({@code -XX:+ExitOnOutOfMemoryError})
 * with a 256 MB heap, half the heap of the report. Before, the heap filled in ~4 s and the process
 * hung. Now the queue is bounded in bytes and inflation by its budget: the process stays up, its
 * heap holds, {@code /healthz} answers, the excess is counted, and svwar replayed afterwards is
 * detected.
 */
@Timeout(180)
class IngestReliabilityOverloadTest {
  @TempDir Path dir;

  private static byte[] heavy() {
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
    o.writeBytes(new byte[] {0, 0, 0, 11, 0, 7, 1});
    int len = mib.length + 6;
    o.writeBytes(new byte[] {0, 0, 0, 16, (byte) (len >>> 8), (byte) len});
    o.writeBytes(mib);
    int pad = 65_000 - o.size();
    o.writeBytes(new byte[] {0, 0x7f, 0, 99, (byte) (pad >>> 8), (byte) pad}); // another vendor
    o.writeBytes(new byte[pad - 6]);
    byte[] b = o.toByteArray();
    b[4] = (byte) (b.length >>> 8);
    b[5] = (byte) b.length;
    return b;
  }

  @Test
  void sixtyFourKilobyteDatagramsAtTwoThousandPerSecondNoLongerHangTheProcess() throws Exception {
    Path cfg = dir.resolve("vigie.yaml");
    Files.writeString(cfg, Live.inventoryYaml());
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigie.server.Main",
                "serve",
                "--config",
                cfg.toString(),
                "--http",
                "127.0.0.1:0",
                "--hep-port",
                "0")
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().put("VIGIE_API_TOKEN", "overload-test-token-0123456789");
    Process p = pb.start();
    try {
      int http = -1;
      int hep = -1;
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((http < 0 || hep < 0) && (line = r.readLine()) != null) {
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
        if (m.find()) http = Integer.parseInt(m.group(1));
        m = Pattern.compile("udp\\+tcp 127\\.0\\.0\\.1:(\\d+)").matcher(line);
        if (m.find()) hep = Integer.parseInt(m.group(1));
      }
      assertThat(hep).as(Files.readString(dir.resolve("stderr.txt"))).isPositive();
      Http api = new Http("http://127.0.0.1:" + http, "overload-test-token-0123456789");
      byte[] b = heavy();
      long t0 = System.nanoTime();
      int sent = 0;
      try (DatagramSocket s = new DatagramSocket()) {
        for (int i = 0; i < 10_000; i++) {
          s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), hep));
          sent++;
          // 2,000/s: 20 datagrams every 10 ms of wall time
          if (i % 20 == 19) {
            long due = t0 + (i + 1) * 500_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(p.isAlive()).as("still running after the overload").isTrue();
      assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(Live.metric(api, "vigie_ingest_up")).isEqualTo(1);
      double received = Live.metric(api, "vigie_ingest_received_total");
      double dropped = Live.metric(api, "vigie_ingest_dropped_total");
      double kernel = Live.metric(api, "vigie_ingest_kernel_drops_total");
      double refused = Live.metric(api, "vigie_ingest_inflate_refused_total");
      double queueBytes = Live.metric(api, "vigie_ingest_queue_bytes");
      System.out.printf(
          "overload: sent %d x %d B in %.1f s; received %.0f, queue drops %.0f, kernel drops"
              + " %.0f, inflate refused %.0f, queue bytes now %.0f%n",
          sent, b.length, seconds, received, dropped, kernel, refused, queueBytes);
      assertThat(received + kernel).isEqualTo(sent);
      assertThat(queueBytes).isLessThanOrEqualTo(64 << 20);
      // still detecting
      Cli replay =
          Cli.run(
              "replay",
              Live.repo().resolve("testdata/captures/svwar.sip.pcap").toString(),
              "--to",
              "127.0.0.1:" + hep,
              "--rate",
              "0");
      assertThat(replay.exit()).as(replay.err()).isZero();
      assertThat(
              Live.await(
                  10_000,
                  () ->
                      Live.alerts(api).stream()
                          .anyMatch(a -> a.path("kind").asText().equals("ENUMERATION"))))
          .isTrue();
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
