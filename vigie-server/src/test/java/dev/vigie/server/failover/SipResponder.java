package dev.vigie.server.failover;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A UDP socket on a loopback address that stays silent until told to answer, then answers every SIP
 * request with 200 OK (Via, From, To, Call-ID and CSeq copied): the support PBX dying and coming
 * back. Its thread stops on {@link #close()}; each receive waits at most 200 ms.
 */
final class SipResponder implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;
  private volatile boolean answering;
  private volatile boolean running = true;

  SipResponder(String address) throws IOException {
    socket = new DatagramSocket(0, InetAddress.getByName(address));
    socket.setSoTimeout(200);
    thread = Thread.ofPlatform().daemon(true).name("sip-responder").start(this::loop);
  }

  int port() {
    return socket.getLocalPort();
  }

  void answer(boolean on) {
    answering = on;
  }

  private void loop() {
    byte[] buf = new byte[65535];
    while (running) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      if (!answering) continue;
      String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
      StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
      for (String line : req.split("\r\n")) {
        String l = line.toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("via:")
            || l.startsWith("from:")
            || l.startsWith("call-id:")
            || l.startsWith("cseq:")) {
          r.append(line).append("\r\n");
        } else if (l.startsWith("to:")) {
          r.append(line).append(l.contains("tag=") ? "" : ";tag=pbx").append("\r\n");
        }
      }
      r.append("Content-Length: 0\r\n\r\n");
      byte[] out = r.toString().getBytes(StandardCharsets.UTF_8);
      try {
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    socket.close();
    thread.join(2000);
  }
}
