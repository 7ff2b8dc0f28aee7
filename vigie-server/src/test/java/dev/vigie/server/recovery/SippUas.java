package dev.vigie.server.recovery;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real SIPp UAS answering every OPTIONS with 200 OK on a loopback address and a free UDP port
 * ({@code src/test/resources/sipp/options-200.xml}), started and stopped by a test.
 */
public final class SippUas implements AutoCloseable {
  public final String ip;
  public final int port;
  private final Process process;

  private SippUas(String ip, int port, Process process) {
    this.ip = ip;
    this.port = port;
    this.process = process;
  }

  /** A free UDP port on {@code ip} (bound then released). */
  public static int freePort(String ip) throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
  }

  /** Starts SIPp on {@code ip:port} and waits until it answers an OPTIONS. */
  public static SippUas start(String ip, int port, Path dir) throws Exception {
    Path scenario = Path.of("src/test/resources/sipp/options-200.xml").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                "sipp",
                "-sf",
                scenario.toString(),
                "-i",
                ip,
                "-p",
                Integer.toString(port),
                "-nostdin")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sipp-" + ip + "-" + port + ".log").toFile())
            .start();
    SippUas uas = new SippUas(ip, port, p);
    Awaitility.await().atMost(15, TimeUnit.SECONDS).until(uas::answers);
    return uas;
  }

  public boolean answers() {
    try (DatagramSocket d = new DatagramSocket()) {
      d.setSoTimeout(300);
      String opt =
          "OPTIONS sip:"
              + ip
              + ":"
              + port
              + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
              + d.getLocalPort()
              + ";branch=z9hG4bKwarm"
              + System.nanoTime()
              + "\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:"
              + ip
              + ">\r\nCall-ID: warm"
              + System.nanoTime()
              + "@t\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
      byte[] b = opt.getBytes(StandardCharsets.US_ASCII);
      d.send(new DatagramPacket(b, b.length, InetAddress.getByName(ip), port));
      d.receive(new DatagramPacket(new byte[4096], 4096));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
