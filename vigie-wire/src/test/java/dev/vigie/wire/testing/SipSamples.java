package dev.vigie.wire.testing;

/** SIP messages for tests. */
public final class SipSamples {
  private SipSamples() {}

  public static String options(String callId) {
    return "OPTIONS sip:100@192.0.2.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK-1\r\n"
        + "From: <sip:scanner@198.51.100.7>;tag=abc\r\n"
        + "To: <sip:100@192.0.2.1>\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "User-Agent: friendly-scanner\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** An INVITE with an SDP body of about {@code bodySize} bytes (for fragmentation tests). */
  public static String invite(String callId, int bodySize) {
    StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n");
    while (sdp.length() < bodySize) sdp.append("a=x-filler:0123456789abcdef0123456789\r\n");
    return "INVITE sip:0044123456@192.0.2.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-2\r\n"
        + "From: \"Alice\" <sip:1001@192.0.2.1>;tag=1\r\n"
        + "To: <sip:0044123456@192.0.2.1>\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 2 INVITE\r\n"
        + "Contact: <sip:1001@192.0.2.20:5060>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + sdp.length()
        + "\r\n\r\n"
        + sdp;
  }

  public static String response(int code, String callId) {
    return "SIP/2.0 "
        + code
        + " Whatever\r\n"
        + "Via: SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK-1\r\n"
        + "From: <sip:scanner@198.51.100.7>;tag=abc\r\n"
        + "To: <sip:100@192.0.2.1>;tag=srv\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
