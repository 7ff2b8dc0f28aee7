package dev.vigie.probe.sip;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes the probe requests: OPTIONS to the target, and REGISTER without Contact (a binding query,
 * RFC 3261 section 10.2.3) for an account. Branches carry the RFC 3261 magic cookie; Call-ID, tags,
 * branches and cnonces come from a {@link SecureRandom}. Thread-safe.
 */
final class SipRequest {
  static final String USER_AGENT = "Vigie-probe";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SipRequest() {}

  /** 16 random hex digits. */
  static String token() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A host for a SIP URI: IPv6 literals bracketed. */
  static String uriHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  static String sentBy(InetSocketAddress local) {
    String a = local.getAddress().getHostAddress();
    if (local.getAddress() instanceof Inet6Address) {
      int pct = a.indexOf('%');
      a = "[" + (pct < 0 ? a : a.substring(0, pct)) + "]";
    }
    return a + ":" + local.getPort();
  }

  /** Dialog-independent fields shared by the requests of one probe (same Call-ID, From tag). */
  record Call(String callId, String fromTag, String via, String from, String to, String uri) {}

  /**
   * Builds one request. {@code authHeader} is null or the full header line name ({@code
   * Authorization} or {@code Proxy-Authorization}) with {@code authValue}.
   */
  static byte[] build(
      String method, Call c, long cseq, String authHeader, String authValue, boolean options) {
    StringBuilder b = new StringBuilder(512);
    b.append(method).append(' ').append(c.uri()).append(" SIP/2.0\r\n");
    b.append("Via: ").append(c.via()).append(";branch=z9hG4bK").append(token());
    b.append(";rport\r\n");
    b.append("Max-Forwards: 70\r\n");
    b.append("From: ").append(c.from()).append(";tag=").append(c.fromTag()).append("\r\n");
    b.append("To: ").append(c.to()).append("\r\n");
    b.append("Call-ID: ").append(c.callId()).append("\r\n");
    b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
    if (authHeader != null) b.append(authHeader).append(": ").append(authValue).append("\r\n");
    if (options) b.append("Accept: application/sdp\r\n");
    b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    b.append("Content-Length: 0\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
