package dev.vigie.probe.sip;

import dev.vigie.probe.FailureReason;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A connected UDP socket. Retransmits like an RFC 3261 non-INVITE client transaction (section
 * 17.1.2.2): Timer E starts at T1 = 500 ms and doubles up to T2 = 4 s; after a provisional response
 * it retransmits every T2; the probe's timeout stands in for Timer F. Being connected, the socket
 * only sees the target's datagrams and reports an ICMP port unreachable as {@link
 * FailureReason#REFUSED}. Works on virtual threads (the socket parks, it does not pin).
 */
final class UdpExchange implements Exchange {
  static final long T1_NANOS = 500_000_000L;
  static final long T2_NANOS = 4_000_000_000L;

  private final DatagramSocket socket;
  private final byte[] buf = new byte[65_535];

  UdpExchange(InetSocketAddress target) throws IOException {
    socket = new DatagramSocket();
    try {
      socket.connect(target);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public InetSocketAddress local() {
    return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
  }

  @Override
  public String viaTransport() {
    return "UDP";
  }

  @Override
  public Answer transact(byte[] request, String callId, long cseq, long deadline)
      throws ProbeFailure {
    long first = System.nanoTime();
    long interval = T1_NANOS;
    long nextSend = first;
    try {
      while (true) {
        long now = System.nanoTime();
        if (now >= deadline) throw Exchange.timeout(first, now);
        if (now >= nextSend) {
          socket.send(new DatagramPacket(request, request.length));
          nextSend = now + interval;
          interval = Math.min(interval * 2, T2_NANOS);
        }
        long waitMillis = Math.max(1, (Math.min(nextSend, deadline) - now + 999_999) / 1_000_000);
        socket.setSoTimeout((int) Math.min(waitMillis, Integer.MAX_VALUE));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          continue;
        }
        long at = System.nanoTime();
        if (SipFramer.isKeepAlive(buf, 0, p.getLength())) continue;
        SipFrame f = SipFramer.frame(Arrays.copyOf(buf, p.getLength()));
        if (f instanceof SipFrame.Bad bad) {
          throw new ProbeFailure(FailureReason.BAD_RESPONSE, "not a SIP response: " + bad.reason());
        }
        SipMessage m = (SipMessage) f;
        if (!Exchange.matches(m, callId, cseq)) continue;
        if (m.statusCode() < 200) {
          interval = T2_NANOS; // RFC 3261 17.1.2.2: Proceeding state
          continue;
        }
        return new Answer(m, at - first);
      }
    } catch (PortUnreachableException e) {
      throw new ProbeFailure(FailureReason.REFUSED, "ICMP port unreachable");
    } catch (IOException e) {
      throw new ProbeFailure(FailureReason.IO_ERROR, "UDP: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
