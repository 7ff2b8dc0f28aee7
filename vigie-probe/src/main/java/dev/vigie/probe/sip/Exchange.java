package dev.vigie.probe.sip;

import dev.vigie.probe.FailureReason;
import dev.vigie.wire.sip.SipMessage;
import java.io.Closeable;
import java.net.InetSocketAddress;

/**
 * One connection to a target (a connected UDP socket or a TCP connection) carrying one or more
 * non-INVITE client transactions in sequence. Not thread-safe: one probe owns it.
 */
sealed interface Exchange extends Closeable permits UdpExchange, TcpExchange {
  /** The local address and port, for Via and Contact. */
  InetSocketAddress local();

  /** "UDP" or "TCP", for the Via header. */
  String viaTransport();

  /**
   * Sends {@code request} and waits for its final response (1xx are skipped), until {@code
   * deadlineNanos} on {@link System#nanoTime()}. Responses of other transactions are ignored.
   *
   * @return the final response; its {@link Answer#rttNanos()} counts from the first transmission
   */
  Answer transact(byte[] request, String callId, long cseq, long deadlineNanos) throws ProbeFailure;

  @Override
  void close();

  /** A final response and its round-trip time. */
  record Answer(SipMessage response, long rttNanos) {}

  /** True when {@code m} is a response to the transaction (Call-ID and CSeq number). */
  static boolean matches(SipMessage m, String callId, long cseq) {
    return m.isResponse() && callId.equals(m.callId()) && m.cseqNumber() == cseq;
  }

  /**
   * The failure of a transaction first sent at {@code first} and still unanswered at {@code now}.
   */
  static ProbeFailure timeout(long first, long now) {
    return new ProbeFailure(
        FailureReason.TIMEOUT, "no final response in " + (now - first) / 1_000_000 + " ms");
  }
}
