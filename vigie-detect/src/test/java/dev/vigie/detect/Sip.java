package dev.vigie.detect;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipFrame;
import dev.vigie.wire.sip.SipFramer;
import dev.vigie.wire.sip.SipMessage;
import java.nio.charset.StandardCharsets;

/** Builds SipEvents from SIP text, framed by the real framer. */
public final class Sip {
  private Sip() {}

  /**
   * A request from {@code src} to {@code dst}; {@code auth} adds an Authorization for that user.
   */
  public static SipEvent request(
      long micros,
      String src,
      int srcPort,
      String dst,
      int dstPort,
      String method,
      String ruriUser,
      String fromUser,
      String toUser,
      String callId,
      long cseq,
      String ua,
      String authUser,
      boolean withToTag) {
    String host = dst.contains(":") ? "[" + dst + "]" : dst;
    String ruri = "sip:" + (ruriUser == null ? "" : ruriUser + "@") + host;
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(ruri).append(" SIP/2.0\r\n");
    sb.append("Via: SIP/2.0/UDP ")
        .append(src.contains(":") ? "[" + src + "]" : src)
        .append(':')
        .append(srcPort)
        .append(";branch=z9hG4bK")
        .append(Integer.toHexString((callId + cseq + method).hashCode()))
        .append("\r\n");
    sb.append("Max-Forwards: 70\r\n");
    sb.append("From: <sip:")
        .append(fromUser)
        .append('@')
        .append(host)
        .append(">;tag=f")
        .append(Integer.toHexString(callId.hashCode()))
        .append("\r\n");
    sb.append("To: <sip:")
        .append(toUser)
        .append('@')
        .append(host)
        .append('>')
        .append(withToTag ? ";tag=t1" : "")
        .append("\r\n");
    sb.append("Call-ID: ").append(callId).append("\r\n");
    sb.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
    if (ua != null) sb.append("User-Agent: ").append(ua).append("\r\n");
    if (method.equals("REGISTER"))
      sb.append("Contact: <sip:")
          .append(fromUser)
          .append('@')
          .append(src)
          .append(">\r\nExpires: 3600\r\n");
    if (authUser != null) {
      sb.append("Authorization: Digest username=\"")
          .append(authUser)
          .append("\", realm=\"lab\", nonce=\"n")
          .append(cseq)
          .append("\", uri=\"")
          .append(ruri)
          .append("\", response=\"")
          .append(Long.toHexString(cseq * 7919))
          .append("\"\r\n");
    }
    sb.append("Content-Length: 0\r\n\r\n");
    return event(micros, src, srcPort, dst, dstPort, sb.toString());
  }

  /** A response to a request described by method, users, Call-ID and CSeq. */
  public static SipEvent response(
      long micros,
      String src,
      int srcPort,
      String dst,
      int dstPort,
      int code,
      String method,
      String fromUser,
      String toUser,
      String callId,
      long cseq) {
    String reason =
        switch (code) {
          case 200 -> "OK";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 407 -> "Proxy Authentication Required";
          default -> "Whatever";
        };
    StringBuilder sb = new StringBuilder();
    sb.append("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
    sb.append("Via: SIP/2.0/UDP ")
        .append(dst.contains(":") ? "[" + dst + "]" : dst)
        .append(':')
        .append(dstPort)
        .append(";branch=z9hG4bKx\r\n");
    sb.append("From: <sip:")
        .append(fromUser)
        .append("@h>;tag=f")
        .append(Integer.toHexString(callId.hashCode()))
        .append("\r\n");
    sb.append("To: <sip:").append(toUser).append("@h>;tag=t1\r\n");
    sb.append("Call-ID: ").append(callId).append("\r\n");
    sb.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
    // the nonce the next request of the transaction (CSeq + 1) answers with
    String nonce = "nonce=\"n" + (cseq + 1) + "\"";
    if (code == 401)
      sb.append("WWW-Authenticate: Digest realm=\"lab\", ").append(nonce).append("\r\n");
    if (code == 407)
      sb.append("Proxy-Authenticate: Digest realm=\"lab\", ").append(nonce).append("\r\n");
    sb.append("Server: kamailio\r\nContent-Length: 0\r\n\r\n");
    return event(micros, src, srcPort, dst, dstPort, sb.toString());
  }

  public static SipEvent event(
      long micros, String src, int srcPort, String dst, int dstPort, String text) {
    SipFrame f = SipFramer.frame(text.getBytes(StandardCharsets.UTF_8));
    if (!(f instanceof SipMessage m))
      throw new IllegalStateException("test SIP does not frame: " + f + "\n" + text);
    return new SipEvent(
        micros, IpAddress.parse(src), srcPort, IpAddress.parse(dst), dstPort, Transport.UDP, 0, m);
  }
}
