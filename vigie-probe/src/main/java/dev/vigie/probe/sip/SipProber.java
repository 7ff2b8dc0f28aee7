package dev.vigie.probe.sip;

import dev.vigie.probe.Credentials;
import dev.vigie.probe.FailureReason;
import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;
import dev.vigie.probe.Prober;
import dev.vigie.wire.Transport;
import dev.vigie.wire.sip.SipMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The real prober: one SIP client transaction (two for an authenticated REGISTER) over UDP or TCP.
 *
 * <p>OPTIONS: 503 gives {@link ProbeResult.Maintenance}, an accepted code {@link ProbeResult.Up},
 * any other final code {@code FAILED UNEXPECTED_CODE}. REGISTER: a 401/407 challenge is answered
 * once with the credentials (Digest MD5 or SHA-256, qop=auth) in a second request of the same call
 * (CSeq + 1, same connection); a second challenge or a 403 means {@code AUTH_REJECTED}. The RTT is
 * the one of the final transaction.
 *
 * <p>Threading: stateless apart from the injected clock; each call opens its own socket, so any
 * number of probes may run at once (one virtual thread each). Every call returns within the
 * target's timeout (name resolution aside) and never throws.
 */
public final class SipProber implements Prober {
  private final InstantSource clock;

  public SipProber(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public ProbeResult probe(ProbeTarget t) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    long deadline = start + t.timeout().toNanos();
    String host =
        t.host().startsWith("[") ? t.host().substring(1, t.host().length() - 1) : t.host();
    InetSocketAddress addr = new InetSocketAddress(host, t.port());
    if (addr.isUnresolved()) {
      return new ProbeResult.Failed(
          at, FailureReason.UNREACHABLE, "host '" + host + "' does not resolve", 0, since(start));
    }
    try (Exchange ex = open(t, addr, deadline)) {
      return switch (t.kind()) {
        case OPTIONS -> options(t, ex, at, deadline);
        case REGISTER -> register(t, ex, at, deadline);
      };
    } catch (ProbeFailure f) {
      return new ProbeResult.Failed(at, f.reason, f.getMessage(), f.code, since(start));
    }
  }

  private static Exchange open(ProbeTarget t, InetSocketAddress addr, long deadline)
      throws ProbeFailure {
    if (t.transport() == Transport.TCP) return new TcpExchange(addr, deadline);
    try {
      return new UdpExchange(addr);
    } catch (IOException e) {
      throw new ProbeFailure(FailureReason.IO_ERROR, "UDP socket: " + e.getMessage());
    }
  }

  private static ProbeResult options(ProbeTarget t, Exchange ex, Instant at, long deadline)
      throws ProbeFailure {
    String uri = "sip:" + SipRequest.uriHost(t.host()) + ":" + t.port();
    SipRequest.Call call =
        call(ex, "<sip:vigie-probe@" + sentByHost(ex) + ">", "<" + uri + ">", uri);
    byte[] req = SipRequest.build("OPTIONS", call, 1, null, null, true);
    Exchange.Answer a = ex.transact(req, call.callId(), 1, deadline);
    return judge(t, at, a);
  }

  private static ProbeResult register(ProbeTarget t, Exchange ex, Instant at, long deadline)
      throws ProbeFailure {
    Credentials cr = t.credentials();
    String domain = SipRequest.uriHost(t.registerDomain());
    String aor = "<sip:" + cr.user() + "@" + domain + ">";
    String uri = "sip:" + domain;
    SipRequest.Call call = call(ex, aor, aor, uri);
    Exchange.Answer a =
        ex.transact(
            SipRequest.build("REGISTER", call, 1, null, null, false), call.callId(), 1, deadline);
    int code = a.response().statusCode();
    if (code == 401 || code == 407) {
      String challengeHeader = code == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
      Digest.Challenge c = Digest.parse(a.response().header(challengeHeader));
      if (c == null) {
        throw new ProbeFailure(
            FailureReason.BAD_RESPONSE, code + " without a usable Digest challenge", code);
      }
      String auth =
          Digest.authorization(c, cr.user(), cr.password(), "REGISTER", uri, SipRequest.token());
      String authHeader = code == 401 ? "Authorization" : "Proxy-Authorization";
      byte[] req = SipRequest.build("REGISTER", call, 2, authHeader, auth, false);
      a = ex.transact(req, call.callId(), 2, deadline);
      int again = a.response().statusCode();
      if (again == 401 || again == 407 || again == 403) {
        throw new ProbeFailure(
            FailureReason.AUTH_REJECTED,
            "credentials of '" + cr.user() + "' refused: " + again + " " + reason(a.response()),
            again);
      }
    }
    return judge(t, at, a);
  }

  private static ProbeResult judge(ProbeTarget t, Instant at, Exchange.Answer a)
      throws ProbeFailure {
    int code = a.response().statusCode();
    Duration rtt = Duration.ofNanos(a.rttNanos());
    if (code == 503) return new ProbeResult.Maintenance(at, code, rtt);
    if (t.acceptedCodes().contains(code)) return new ProbeResult.Up(at, code, rtt);
    throw new ProbeFailure(
        FailureReason.UNEXPECTED_CODE,
        code + " " + reason(a.response()) + " is not in " + t.acceptedCodes(),
        code);
  }

  private static String reason(SipMessage m) {
    String r = m.reasonPhrase();
    return r == null ? "" : r;
  }

  private static SipRequest.Call call(Exchange ex, String from, String to, String uri) {
    String via = "SIP/2.0/" + ex.viaTransport() + " " + SipRequest.sentBy(ex.local());
    return new SipRequest.Call(
        SipRequest.token() + "@vigie", SipRequest.token(), via, from, to, uri);
  }

  private static String sentByHost(Exchange ex) {
    String s = SipRequest.sentBy(ex.local());
    return s.substring(0, s.lastIndexOf(':'));
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
