package dev.vigie.probe.sip;

import dev.vigie.probe.FailureReason;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A TCP connection to the target. Connecting is bounded by the probe's deadline; the stream is cut
 * into messages with {@link SipFramer#messageLength} (Content-Length framing, RFC 3261 section
 * 18.3), CRLF keep-alives are skipped. No retransmission: TCP is reliable (section 17.1.2.2, Timer
 * E is not used). Buffer grows to at most {@link #MAX_BUFFER} bytes.
 */
final class TcpExchange implements Exchange {
  static final int MAX_BUFFER = 256 * 1024;

  private final Socket socket;
  private final InputStream in;
  private byte[] buf = new byte[8192];
  private int len;

  TcpExchange(InetSocketAddress target, long deadline) throws ProbeFailure {
    socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(target, remainingMillis(deadline));
      in = socket.getInputStream();
    } catch (SocketTimeoutException e) {
      close();
      throw new ProbeFailure(FailureReason.TIMEOUT, "TCP connect timed out");
    } catch (ConnectException e) {
      close();
      throw new ProbeFailure(FailureReason.REFUSED, "TCP connection refused");
    } catch (NoRouteToHostException e) {
      close();
      throw new ProbeFailure(FailureReason.UNREACHABLE, "no route to host");
    } catch (IOException e) {
      close();
      throw new ProbeFailure(FailureReason.IO_ERROR, "TCP connect: " + e.getMessage());
    }
  }

  private static int remainingMillis(long deadline) throws ProbeFailure {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) throw new ProbeFailure(FailureReason.TIMEOUT, "timeout reached");
    return (int) Math.min(ms, Integer.MAX_VALUE);
  }

  @Override
  public InetSocketAddress local() {
    return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
  }

  @Override
  public String viaTransport() {
    return "TCP";
  }

  @Override
  public Answer transact(byte[] request, String callId, long cseq, long deadline)
      throws ProbeFailure {
    long first = System.nanoTime();
    try {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      while (true) {
        int n = SipFramer.messageLength(buf, 0, len);
        if (n == -2) throw new ProbeFailure(FailureReason.BAD_RESPONSE, "not a SIP stream");
        if (n == -1) {
          read(deadline, first);
          continue;
        }
        byte[] msg = Arrays.copyOf(buf, n);
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        if (SipFramer.isKeepAlive(msg, 0, n)) continue;
        switch (SipFramer.frame(msg)) {
          case SipMessage m -> {
            if (Exchange.matches(m, callId, cseq) && m.statusCode() >= 200) {
              return new Answer(m, System.nanoTime() - first);
            }
          }
          case SipFrame.Bad bad ->
              throw new ProbeFailure(
                  FailureReason.BAD_RESPONSE, "not a SIP response: " + bad.reason());
        }
      }
    } catch (SocketTimeoutException e) {
      throw Exchange.timeout(first, System.nanoTime());
    } catch (IOException e) {
      throw new ProbeFailure(FailureReason.BAD_RESPONSE, "TCP: " + e.getMessage());
    }
  }

  private void read(long deadline, long first) throws IOException, ProbeFailure {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) throw new SocketTimeoutException();
    socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
    if (len == buf.length) {
      if (buf.length >= MAX_BUFFER) {
        throw new ProbeFailure(FailureReason.BAD_RESPONSE, "response over 256 KiB");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int r = in.read(buf, len, buf.length - len);
    if (r < 0) {
      throw new ProbeFailure(
          FailureReason.BAD_RESPONSE,
          "connection closed before a final response (after "
              + (System.nanoTime() - first) / 1_000_000
              + " ms)");
    }
    len += r;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
