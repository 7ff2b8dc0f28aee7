package dev.vigie.detect;

import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.wire.SipEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Synthetic traffic in the shape of the lab's scenarios (SIPp, SIPVicious). Addresses: proxy
 * 10.0.0.1 (role proxy), PBX pbx-acme 10.0.1.15, trunk 10.0.9.1; remote office 192.0.2.10,
 * attackers in 198.51.100.0/24. Times are microseconds from T0.
 */
public final class Scenarios {
  public static final long T0 = 1_790_000_000_000_000L;
  public static final String PROXY = "10.0.0.1";
  public static final String PBX = "10.0.1.15";
  public static final String TRUNK = "10.0.9.1";
  public static final String OFFICE = "192.0.2.10";
  private final List<SipEvent> events = new ArrayList<>();
  private int calls;

  public static Inventory inventory() {
    return InventoryParser.parse(
        Map.of(
            "machines",
            List.of(
                Map.of(
                    "id",
                    "proxy",
                    "addresses",
                    List.of(PROXY),
                    "role",
                    "proxy",
                    "client",
                    "platform"),
                Map.of(
                    "id", "pbx-acme", "addresses", List.of(PBX), "role", "pbx", "client", "acme"),
                Map.of(
                    "id",
                    "trunk",
                    "addresses",
                    List.of(TRUNK),
                    "role",
                    "trunk",
                    "client",
                    "carrier")),
            "protected",
            List.of("10.0.9.0/24")));
  }

  public List<SipEvent> events() {
    List<SipEvent> out = new ArrayList<>(events);
    out.sort(Comparator.comparingLong(SipEvent::timestampMicros));
    return out;
  }

  private static long at(double seconds) {
    return T0 + Math.round(seconds * 1_000_000);
  }

  /** One phone registering: REGISTER, 401, REGISTER with credentials, 200 (or 403 when wrong). */
  public Scenarios register(double t, String src, int port, String user, boolean goodPassword) {
    String cid = "reg-" + user + "-" + src + "-" + t;
    events.add(
        Sip.request(
            at(t),
            src,
            port,
            PROXY,
            5060,
            "REGISTER",
            null,
            user,
            user,
            cid,
            1,
            "Yealink SIP-T46S 66.86",
            null,
            false));
    events.add(
        Sip.response(at(t + 0.002), PROXY, 5060, src, port, 401, "REGISTER", user, user, cid, 1));
    events.add(
        Sip.request(
            at(t + 0.01),
            src,
            port,
            PROXY,
            5060,
            "REGISTER",
            null,
            user,
            user,
            cid,
            2,
            "Yealink SIP-T46S 66.86",
            user,
            false));
    events.add(
        Sip.response(
            at(t + 0.012),
            PROXY,
            5060,
            src,
            port,
            goodPassword ? 200 : 401,
            "REGISTER",
            user,
            user,
            cid,
            2));
    return this;
  }

  /** A call from {@code src} through the proxy to the trunk; answered, then hung up. */
  private String callIdPadding = "";

  /** Appends {@code padding} to the Call-ID of every call made after this one. */
  public Scenarios callIdPadding(String padding) {
    callIdPadding = padding;
    return this;
  }

  public Scenarios call(
      double t, String src, int port, String from, String number, double duration, String ua) {
    String cid = "call-" + (calls++) + "-" + src + callIdPadding;
    events.add(
        Sip.request(
            at(t), src, port, PROXY, 5060, "INVITE", number, from, number, cid, 1, ua, null,
            false));
    events.add(
        Sip.request(
            at(t + 0.001),
            PROXY,
            5060,
            TRUNK,
            5060,
            "INVITE",
            number,
            from,
            number,
            cid,
            1,
            ua,
            null,
            false));
    events.add(
        Sip.response(at(t + 0.02), TRUNK, 5060, PROXY, 5060, 200, "INVITE", from, number, cid, 1));
    events.add(
        Sip.response(at(t + 0.021), PROXY, 5060, src, port, 200, "INVITE", from, number, cid, 1));
    events.add(
        Sip.request(
            at(t + 0.03),
            src,
            port,
            PROXY,
            5060,
            "ACK",
            number,
            from,
            number,
            cid,
            1,
            ua,
            null,
            true));
    events.add(
        Sip.request(
            at(t + 0.031),
            PROXY,
            5060,
            TRUNK,
            5060,
            "ACK",
            number,
            from,
            number,
            cid,
            1,
            ua,
            null,
            true));
    events.add(
        Sip.request(
            at(t + duration),
            src,
            port,
            PROXY,
            5060,
            "BYE",
            number,
            from,
            number,
            cid,
            2,
            ua,
            null,
            true));
    events.add(
        Sip.request(
            at(t + duration + 0.001),
            PROXY,
            5060,
            TRUNK,
            5060,
            "BYE",
            number,
            from,
            number,
            cid,
            2,
            ua,
            null,
            true));
    events.add(
        Sip.response(
            at(t + duration + 0.01), TRUNK, 5060, PROXY, 5060, 200, "BYE", from, number, cid, 2));
    events.add(
        Sip.response(
            at(t + duration + 0.011), PROXY, 5060, src, port, 200, "BYE", from, number, cid, 2));
    return this;
  }

  /** A call the hosted PBX originates itself, towards the proxy. */
  public Scenarios machineCall(double t, String ext, String number, double duration) {
    String cid = "mcall-" + (calls++);
    events.add(
        Sip.request(
            at(t),
            PBX,
            5060,
            PROXY,
            5060,
            "INVITE",
            number,
            ext,
            number,
            cid,
            1,
            "3CX Phone System",
            null,
            false));
    events.add(
        Sip.request(
            at(t + 0.001),
            PROXY,
            5060,
            TRUNK,
            5060,
            "INVITE",
            number,
            ext,
            number,
            cid,
            1,
            "3CX Phone System",
            null,
            false));
    events.add(
        Sip.response(at(t + 0.02), TRUNK, 5060, PROXY, 5060, 200, "INVITE", ext, number, cid, 1));
    events.add(
        Sip.response(at(t + 0.021), PROXY, 5060, PBX, 5060, 200, "INVITE", ext, number, cid, 1));
    events.add(
        Sip.request(
            at(t + duration),
            PBX,
            5060,
            PROXY,
            5060,
            "BYE",
            number,
            ext,
            number,
            cid,
            2,
            "3CX Phone System",
            null,
            true));
    // a BYE is answered (SERVICE_DEGRADED judges requests left without any response)
    events.add(
        Sip.response(
            at(t + duration + 0.01), PROXY, 5060, PBX, 5060, 200, "BYE", ext, number, cid, 2));
    return this;
  }

  /**
   * The lab's normal mix: 3 registrations, OPTIONS keepalives, 200 calls at 20/s, 5 to a missing
   * number.
   */
  public Scenarios normalMix(double t) {
    for (int i = 0; i < 3; i++) register(t + i, OFFICE, 5063, "100" + i, true);
    for (int i = 0; i < 20; i++) {
      String cid = "opt-" + i;
      events.add(
          Sip.request(
              at(t + 3 + i * 0.5),
              OFFICE,
              5062,
              PROXY,
              5060,
              "OPTIONS",
              "1000",
              "1000",
              "1000",
              cid,
              1,
              "Yealink SIP-T46S 66.86",
              null,
              false));
      events.add(
          Sip.response(
              at(t + 3.001 + i * 0.5),
              PROXY,
              5060,
              OFFICE,
              5062,
              200,
              "OPTIONS",
              "1000",
              "1000",
              cid,
              1));
    }
    for (int i = 0; i < 200; i++) call(t + 3 + i / 20.0, OFFICE, 5061, "sipp", "2000", 2, "SIPp");
    for (int i = 0; i < 5; i++) {
      String cid = "miss-" + i;
      events.add(
          Sip.request(
              at(t + 4 + i),
              "192.0.2.11",
              5061,
              PROXY,
              5060,
              "INVITE",
              "3999",
              "sipp",
              "3999",
              cid,
              1,
              "SIPp",
              null,
              false));
      events.add(
          Sip.response(
              at(t + 4.01 + i),
              PROXY,
              5060,
              "192.0.2.11",
              5061,
              404,
              "INVITE",
              "sipp",
              "3999",
              cid,
              1));
    }
    return this;
  }

  /** svmap: OPTIONS to 5 addresses x 3 ports (answered only by the proxy). */
  public Scenarios svmap(double t, String src, String ua) {
    int n = 0;
    for (int a = 1; a <= 5; a++) {
      for (int p = 5060; p <= 5062; p++) {
        String dst = "10.0.0." + a;
        String cid = "map-" + a + "-" + p + "-" + src;
        events.add(
            Sip.request(
                at(t + n++ * 0.05),
                src,
                5070,
                dst,
                p,
                "OPTIONS",
                "100",
                "100",
                "100",
                cid,
                1,
                ua,
                null,
                false));
        if (a == 1 && p == 5060)
          events.add(
              Sip.response(
                  at(t + n * 0.05 - 0.04),
                  dst,
                  p,
                  src,
                  5070,
                  200,
                  "OPTIONS",
                  "100",
                  "100",
                  cid,
                  1));
      }
    }
    return this;
  }

  /** svwar: REGISTER for 100-199 and 1000-1010; known users (1000-1003) get 401, others 404. */
  public Scenarios svwar(double t, String src, String ua) {
    int n = 0;
    List<String> exts = new ArrayList<>();
    for (int e = 100; e <= 199; e++) exts.add(Integer.toString(e));
    for (int e = 1000; e <= 1010; e++) exts.add(Integer.toString(e));
    for (String e : exts) {
      String cid = "war-" + e + "-" + src;
      double tt = t + n++ * 0.02;
      events.add(
          Sip.request(
              at(tt), src, 5071, PROXY, 5060, "REGISTER", null, e, e, cid, 1, ua, null, false));
      int code =
          e.compareTo("1000") >= 0 && e.compareTo("1003") <= 0 && e.length() == 4 ? 401 : 404;
      events.add(
          Sip.response(at(tt + 0.002), PROXY, 5060, src, 5071, code, "REGISTER", e, e, cid, 1));
    }
    return this;
  }

  /** svcrack on user 1001: challenge, then one authenticated attempt per password, all refused. */
  public Scenarios svcrack(double t, String src, String ua, int attempts) {
    String cid = "crack-" + src;
    events.add(
        Sip.request(
            at(t),
            src,
            5072,
            PROXY,
            5060,
            "REGISTER",
            null,
            "1001",
            "1001",
            cid,
            1,
            ua,
            null,
            false));
    events.add(
        Sip.response(
            at(t + 0.002), PROXY, 5060, src, 5072, 401, "REGISTER", "1001", "1001", cid, 1));
    for (int i = 0; i < attempts; i++) {
      double tt = t + 0.01 + i * 0.02;
      events.add(
          Sip.request(
              at(tt),
              src,
              5072,
              PROXY,
              5060,
              "REGISTER",
              null,
              "1001",
              "1001",
              cid,
              i + 2,
              ua,
              "1001",
              false));
      events.add(
          Sip.response(
              at(tt + 0.002),
              PROXY,
              5060,
              src,
              5072,
              i == attempts - 1 ? 200 : 401,
              "REGISTER",
              "1001",
              "1001",
              cid,
              i + 2));
    }
    return this;
  }

  /** SIPp INVITE flood through the proxy: {@code rate} INVITEs/s for {@code seconds}. */
  public Scenarios flood(double t, String src, int rate, int seconds) {
    for (int i = 0; i < rate * seconds; i++) {
      String cid = "flood-" + i + "-" + src;
      double tt = t + (double) i / rate;
      events.add(
          Sip.request(
              at(tt), src, 5060, PROXY, 5060, "INVITE", "2000", "sipp", "2000", cid, 1, "SIPp",
              null, false));
      events.add(
          Sip.request(
              at(tt + 0.0005),
              PROXY,
              5060,
              TRUNK,
              5060,
              "INVITE",
              "2000",
              "sipp",
              "2000",
              cid,
              1,
              "SIPp",
              null,
              false));
    }
    return this;
  }

  /** A platform restart: {@code phones} phones behind one NAT re-register within a few seconds. */
  public Scenarios restartStorm(double t, String nat, int phones) {
    for (int i = 0; i < phones; i++)
      register(t + i * 0.01, nat, 10000 + i, Integer.toString(2000 + i), true);
    return this;
  }

  /**
   * A busy office: 40 calls in 8 s from 40 extensions, national and a few allowed international.
   */
  public Scenarios officeBurst(double t, String office) {
    for (int i = 0; i < 40; i++) {
      String number = i % 8 == 0 ? "0033142" + (100000 + i) : "01" + (40000000 + i);
      call(
          t + i * 0.2,
          office,
          5060,
          Integer.toString(300 + i),
          number,
          60,
          "Yealink SIP-T46S 66.86");
    }
    return this;
  }

  /** The hosted PBX bursting outbound calls to premium ranges: {@code rate} calls/s. */
  public Scenarios machineBurst(double t, int rate, int seconds) {
    for (int i = 0; i < rate * seconds; i++)
      machineCall(t + (double) i / rate, "1002", "00882" + (1000000 + i), 30);
    return this;
  }

  /** A compromised remote extension calling premium numbers through the proxy. */
  public Scenarios tollFraud(double t, String src, int calls) {
    for (int i = 0; i < calls; i++)
      call(t + i * 2, src, 5060, "1003", "+8816" + (2000000 + i), 40, "Yealink SIP-T46S 66.86");
    return this;
  }

  /** An OPTIONS keep-alive the PBX sends to the trunk ({@code n} makes its Call-ID). */
  public static SipEvent pbxOptions(long micros, int n) {
    return Sip.request(
        micros, PBX, 5060, TRUNK, 5060, "OPTIONS", "ping", "pbx", "ping", "o" + n, 1, "3CX", null,
        false);
  }
}
