package dev.vigie.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A realistic mix of SIP messages as a 3CX/Kamailio platform sees them: a call (INVITE with SDP,
 * 100, 180, 200 with SDP, ACK, BYE, 200), a registration (REGISTER, 401, REGISTER with credentials,
 * 200) and a keep-alive (OPTIONS, 200). Sizes range from ~300 bytes to ~1 KB, as on the wire.
 */
public final class SipCorpus {
  private SipCorpus() {}

  private static final String SDP =
      "v=0\r\no=- 3712 3712 IN IP4 10.0.1.15\r\ns=3CX\r\nc=IN IP4 10.0.1.15\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0 8 9 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
          + "a=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
          + "a=sendrecv\r\n";

  private static String msg(String startLine, String headers, String body) {
    return startLine
        + "\r\n"
        + headers
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static final String DIALOG =
      "Via: SIP/2.0/UDP 10.0.1.15:5060;branch=z9hG4bK-524287-1---d8754z;rport\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: \"Reception\" <sip:1000@pbx.acme.example>;tag=8f3a2b1c\r\n"
          + "To: <sip:0033467123456@pbx.acme.example>\r\n"
          + "Call-ID: 2b7c8d9e0f1a2b3c4d5e6f708192a3b4@10.0.1.15\r\n";

  /** The messages as byte arrays. */
  public static List<byte[]> messages() {
    String ua = "User-Agent: 3CXPhoneSystem 18.0.9.20 (20)\r\n";
    String contact = "Contact: <sip:1000@10.0.1.15:5060>\r\n";
    List<String> text =
        List.of(
            msg(
                "INVITE sip:0033467123456@pbx.acme.example SIP/2.0",
                DIALOG
                    + "CSeq: 1 INVITE\r\n"
                    + contact
                    + ua
                    + "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, OPTIONS, UPDATE, MESSAGE\r\n"
                    + "Supported: replaces, timer\r\nContent-Type: application/sdp\r\n",
                SDP),
            msg("SIP/2.0 100 Trying", DIALOG + "CSeq: 1 INVITE\r\n", ""),
            msg(
                "SIP/2.0 180 Ringing",
                DIALOG.replace(
                        "0033467123456@pbx.acme.example>",
                        "0033467123456@pbx.acme.example>;tag=as5e2")
                    + "CSeq: 1 INVITE\r\nContact: <sip:0033467123456@192.0.2.10:5060>\r\n",
                ""),
            msg(
                "SIP/2.0 200 OK",
                DIALOG.replace(
                        "0033467123456@pbx.acme.example>",
                        "0033467123456@pbx.acme.example>;tag=as5e2")
                    + "CSeq: 1 INVITE\r\nContact: <sip:0033467123456@192.0.2.10:5060>\r\n"
                    + "Server: Carrier-SBC 4.2\r\nContent-Type: application/sdp\r\n",
                SDP),
            msg(
                "ACK sip:0033467123456@192.0.2.10:5060 SIP/2.0",
                DIALOG.replace(
                        "0033467123456@pbx.acme.example>",
                        "0033467123456@pbx.acme.example>;tag=as5e2")
                    + "CSeq: 1 ACK\r\n",
                ""),
            msg(
                "BYE sip:0033467123456@192.0.2.10:5060 SIP/2.0",
                DIALOG.replace(
                        "0033467123456@pbx.acme.example>",
                        "0033467123456@pbx.acme.example>;tag=as5e2")
                    + "CSeq: 2 BYE\r\n"
                    + ua,
                ""),
            msg(
                "SIP/2.0 200 OK",
                DIALOG.replace(
                        "0033467123456@pbx.acme.example>",
                        "0033467123456@pbx.acme.example>;tag=as5e2")
                    + "CSeq: 2 BYE\r\n",
                ""),
            msg(
                "REGISTER sip:pbx.acme.example SIP/2.0",
                "Via: SIP/2.0/UDP 192.168.1.23:5062;branch=z9hG4bK1377491431;rport\r\n"
                    + "From: <sip:1001@pbx.acme.example>;tag=1952931232\r\n"
                    + "To: <sip:1001@pbx.acme.example>\r\n"
                    + "Call-ID: 0_2951425374@192.168.1.23\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:1001@192.168.1.23:5062>;expires=3600\r\nMax-Forwards: 70\r\n"
                    + "User-Agent: Yealink SIP-T46S 66.86.0.15\r\nExpires: 3600\r\n"
                    + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY\r\n",
                ""),
            msg(
                "SIP/2.0 401 Unauthorized",
                "Via: SIP/2.0/UDP 192.168.1.23:5062;branch=z9hG4bK1377491431;rport=5062\r\n"
                    + "From: <sip:1001@pbx.acme.example>;tag=1952931232\r\n"
                    + "To: <sip:1001@pbx.acme.example>;tag=2b5c\r\n"
                    + "Call-ID: 0_2951425374@192.168.1.23\r\nCSeq: 1 REGISTER\r\n"
                    + "WWW-Authenticate: Digest realm=\"pbx.acme.example\", nonce=\"Y2b3c4d5e6f\", algorithm=MD5, qop=\"auth\"\r\n"
                    + "Server: 3CXPhoneSystem 18.0.9.20 (20)\r\n",
                ""),
            msg(
                "REGISTER sip:pbx.acme.example SIP/2.0",
                "Via: SIP/2.0/UDP 192.168.1.23:5062;branch=z9hG4bK1377491432;rport\r\n"
                    + "From: <sip:1001@pbx.acme.example>;tag=1952931232\r\n"
                    + "To: <sip:1001@pbx.acme.example>\r\n"
                    + "Call-ID: 0_2951425374@192.168.1.23\r\nCSeq: 2 REGISTER\r\n"
                    + "Contact: <sip:1001@192.168.1.23:5062>;expires=3600\r\n"
                    + "Authorization: Digest username=\"1001\", realm=\"pbx.acme.example\", nonce=\"Y2b3c4d5e6f\", uri=\"sip:pbx.acme.example\", response=\"2a0e5f6c1b7d8e9f0a1b2c3d4e5f6a7b\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n"
                    + "Max-Forwards: 70\r\nUser-Agent: Yealink SIP-T46S 66.86.0.15\r\nExpires: 3600\r\n",
                ""),
            msg(
                "SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP 192.168.1.23:5062;branch=z9hG4bK1377491432;rport=5062\r\n"
                    + "From: <sip:1001@pbx.acme.example>;tag=1952931232\r\n"
                    + "To: <sip:1001@pbx.acme.example>;tag=2b5d\r\n"
                    + "Call-ID: 0_2951425374@192.168.1.23\r\nCSeq: 2 REGISTER\r\n"
                    + "Contact: <sip:1001@192.168.1.23:5062>;expires=3600\r\n",
                ""),
            msg(
                "OPTIONS sip:carrier.example SIP/2.0",
                "Via: SIP/2.0/UDP 10.0.1.15:5060;branch=z9hG4bK-opt-77\r\n"
                    + "From: <sip:ping@pbx.acme.example>;tag=op77\r\nTo: <sip:carrier.example>\r\n"
                    + "Call-ID: opt-77@10.0.1.15\r\nCSeq: 77 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + ua,
                ""),
            msg(
                "SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP 10.0.1.15:5060;branch=z9hG4bK-opt-77\r\n"
                    + "From: <sip:ping@pbx.acme.example>;tag=op77\r\nTo: <sip:carrier.example>;tag=c1\r\n"
                    + "Call-ID: opt-77@10.0.1.15\r\nCSeq: 77 OPTIONS\r\nServer: Carrier-SBC 4.2\r\n",
                ""));
    return text.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }
}
