package dev.vigie.probe;

import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A small SIP peer written in the test for behaviours no packaged peer shows on demand: lost
 * datagrams, provisional responses, garbage, stray responses, split TCP segments. The script maps
 * (request, how many requests came before) to the bytes to answer, null for silence.
 */
final class ScriptedPeer implements AutoCloseable {
  final List<Long> arrivalsNanos = new CopyOnWriteArrayList<>();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Thread thread;

  private ScriptedPeer(DatagramSocket udp, ServerSocket tcp, Runnable loop) {
    this.udp = udp;
    this.tcp = tcp;
    this.thread = Thread.ofVirtual().start(loop);
  }

  static ScriptedPeer udp(String ip, int port, BiFunction<SipMessage, Integer, byte[][]> script)
      throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
    ScriptedPeer[] self = new ScriptedPeer[1];
    self[0] =
        new ScriptedPeer(
            s,
            null,
            () -> {
              byte[] buf = new byte[65535];
              try {
                while (true) {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  s.receive(p);
                  self[0].arrivalsNanos.add(System.nanoTime());
                  SipMessage m = (SipMessage) SipFramer.frame(Arrays.copyOf(buf, p.getLength()));
                  byte[][] out = script.apply(m, self[0].arrivalsNanos.size() - 1);
                  if (out == null) continue;
                  for (byte[] o : out) {
                    s.send(new DatagramPacket(o, o.length, p.getSocketAddress()));
                  }
                }
              } catch (IOException e) {
                // closed
              }
            });
    return self[0];
  }

  /** A TCP peer: accepts connections and writes the script's chunks (a chunk per element). */
  static ScriptedPeer tcp(String ip, int port, BiFunction<SipMessage, Integer, byte[][]> script)
      throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
    ScriptedPeer[] self = new ScriptedPeer[1];
    self[0] =
        new ScriptedPeer(
            null,
            ss,
            () -> {
              try {
                while (true) {
                  Socket c = ss.accept();
                  Thread.ofVirtual().start(() -> serve(c, script, self[0]));
                }
              } catch (IOException e) {
                // closed
              }
            });
    return self[0];
  }

  private static void serve(
      Socket c, BiFunction<SipMessage, Integer, byte[][]> script, ScriptedPeer self) {
    try (c) {
      byte[] buf = new byte[65535];
      int len = 0;
      while (true) {
        int r = c.getInputStream().read(buf, len, buf.length - len);
        if (r < 0) return;
        len += r;
        int n = SipFramer.messageLength(buf, 0, len);
        if (n <= 0) continue;
        self.arrivalsNanos.add(System.nanoTime());
        SipMessage m = (SipMessage) SipFramer.frame(Arrays.copyOf(buf, n));
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        byte[][] out = script.apply(m, self.arrivalsNanos.size() - 1);
        if (out == null) continue;
        OutputStream os = c.getOutputStream();
        for (byte[] o : out) {
          if (o.length == 0) return; // an empty chunk closes the connection
          os.write(o);
          os.flush();
          Thread.sleep(20);
        }
      }
    } catch (IOException | InterruptedException e) {
      // connection over
    }
  }

  /** A response to {@code req} with the given status line tail, e.g. {@code "200 OK"}. */
  static byte[] response(SipMessage req, String status, String callId) {
    String s =
        "SIP/2.0 "
            + status
            + "\r\nVia: "
            + req.via()
            + "\r\nFrom: "
            + req.from()
            + "\r\nTo: "
            + req.to()
            + ";tag=peer\r\nCall-ID: "
            + (callId != null ? callId : req.callId())
            + "\r\nCSeq: "
            + req.cseqNumber()
            + " "
            + req.methodName()
            + "\r\nContent-Length: 0\r\n\r\n";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] response(SipMessage req, String status) {
    return response(req, status, null);
  }

  @Override
  public void close() {
    if (udp != null) udp.close();
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException | RuntimeException e) {
        // closed anyway
      }
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
