package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.Scenarios;
import dev.vigie.detect.Sip;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.sip.SipMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request ring and its index ({@link ServiceHealth}) driven directly: judged at the deadline or
 * when the ring is full, retransmissions found until the ring overwrites them, and requests that
 * the index had to drop are left unjudged rather than judged unanswered.
 */
class ServiceHealthRingTest {
  private static final long S = 1_000_000L;
  private static final long T0 = 1_789_948_800L * S;
  private static final long PBX = 0x5eed_0001L; // the address hash of the machine's address
  private static final long PHONE = 0x5eed_0002L;

  private MachineState pbx;
  private ServiceHealth health;

  @BeforeEach
  void setUp() {
    Inventory inv = Scenarios.inventory();
    pbx = new MachineState(inv.machines().get(0), 0, 3600, 60);
    health = new ServiceHealth(new MachineState[] {pbx});
    // the machine answered the phone once: requests to its address, from the phone, are judged
    // from now on
    health.response(pbx, null, 1, PBX, PHONE, 200, T0 / S, T0);
  }

  private void request(long txKey, long micros) {
    health.request(pbx, null, null, txKey, PHONE, PBX, SipMethod.OPTIONS, micros / S, micros);
  }

  private void answer(long txKey, long micros) {
    health.response(pbx, null, txKey, PBX, PHONE, 200, micros / S, micros);
  }

  private long judged() {
    return pbx.hw.total(MachineState.H_JUDGED);
  }

  private long unanswered() {
    return pbx.hw.total(MachineState.H_UNANSWERED);
  }

  @Test
  void aRequestIsJudgedWhenItsDeadlinePassesAnsweredOrNot() {
    request(10, T0 + S);
    request(11, T0 + S);
    answer(10, T0 + S + 2_000);
    health.judge(T0 + 5 * S); // 4 s after: not yet
    assertThat(judged()).isZero();
    health.judge(T0 + 6 * S);
    assertThat(judged()).isEqualTo(2);
    assertThat(unanswered()).isZero(); // the machine answered after 11 was sent: it is alive
    request(12, T0 + 7 * S);
    health.judge(T0 + 13 * S);
    assertThat(judged()).isEqualTo(3);
    assertThat(unanswered()).isEqualTo(1);
  }

  /**
   * A request from an address no machine answered 2xx in the last day (a scanner the PBX banned) is
   * not judged, nor are its retransmissions counted; once a machine serves the address, its
   * requests are.
   */
  @Test
  void onlyRequestsFromAnAddressAMachineServesAreJudged() {
    long stranger = 0x5eed_0003L;
    health.request(pbx, null, null, 30, stranger, PBX, SipMethod.REGISTER, T0 / S + 1, T0 + S);
    health.request(pbx, null, null, 30, stranger, PBX, SipMethod.REGISTER, T0 / S + 2, T0 + 2 * S);
    health.judge(T0 + 10 * S);
    assertThat(judged()).isZero();
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isZero();
    assertThat(pbx.hw.total(MachineState.H_REG_FAIL)).isZero();
    health.response(pbx, null, 99, PBX, stranger, 200, T0 / S + 11, T0 + 11 * S);
    health.request(
        pbx, null, null, 31, stranger, PBX, SipMethod.REGISTER, T0 / S + 12, T0 + 12 * S);
    health.judge(T0 + 20 * S);
    assertThat(judged()).isEqualTo(1);
    assertThat(unanswered()).isEqualTo(1);
    assertThat(pbx.hw.total(MachineState.H_REG_FAIL)).isEqualTo(1);
  }

  @Test
  void aRetransmissionIsFoundAfterItsRequestWasJudged() {
    request(20, T0 + S);
    health.judge(T0 + 7 * S);
    assertThat(unanswered()).isEqualTo(1);
    request(20, T0 + 8 * S); // the same transaction again: a retransmission, not a new request
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isEqualTo(1);
    health.judge(T0 + 20 * S);
    assertThat(judged()).isEqualTo(1); // judged once
  }

  /**
   * RFC 3261 clients retransmit for 32 s at most (timers B and F): the same transaction later is a
   * new request (a replay, or identifiers reused), judged on its own, and a response then answers
   * that one. Before, the replay was taken for a retransmission of a request answered long ago and
   * never judged.
   */
  @Test
  void theSameTransactionMoreThan32sLaterIsANewRequest() {
    request(30, T0 + S);
    answer(30, T0 + S + 1_000);
    request(30, T0 + 31 * S); // 30 s after: still a retransmission (of an answered request)
    request(31, T0 + S);
    request(31, T0 + 32 * S); // unanswered, 31 s after: a retransmission, counted as one
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isEqualTo(1);
    health.judge(T0 + 38 * S);
    assertThat(judged()).isEqualTo(2);
    assertThat(unanswered()).isZero(); // 31 was sent before the machine's last answer

    request(30, T0 + 41 * S); // 40 s after the first: a new request
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isEqualTo(1);
    health.judge(T0 + 47 * S);
    assertThat(judged()).isEqualTo(3);
    assertThat(unanswered()).isEqualTo(1); // nothing answered it, nor anything since it was sent

    request(30, T0 + 81 * S); // and again: answered this time, the answer finds the new one
    answer(30, T0 + 81 * S + 2_000);
    health.judge(T0 + 87 * S);
    // the 60 s window now holds the judgments of the requests of 41 s and 81 s, not the first two
    assertThat(judged()).isEqualTo(2);
    assertThat(unanswered()).isEqualTo(1);
  }

  /** A phone's REGISTER to the machine answered 200 with {@code expires}. */
  private void register(String user, long txKey, long micros, int expires) {
    register(user, txKey, micros, "Contact: <sip:" + user + "@10.0.0.2>;expires=" + expires);
  }

  /** The same with the 200's Contact lines given ({@code contacts}, no final CRLF). */
  private void register(String user, long txKey, long micros, String contacts) {
    health.request(pbx, null, null, txKey, PHONE, PBX, SipMethod.REGISTER, micros / S, micros);
    String ok =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK"
            + txKey
            + "\r\nFrom: <sip:"
            + user
            + "@h>;tag=f\r\nTo: <sip:"
            + user
            + "@h>;tag=t\r\nCall-ID: reg-"
            + user
            + "\r\nCSeq: "
            + txKey
            + " REGISTER\r\n"
            + contacts
            + "\r\nContent-Length: 0\r\n\r\n";
    SipMessage m = Sip.event(micros, "10.0.0.1", 5060, "10.0.0.2", 5060, ok).sip();
    health.response(pbx, m, txKey, PBX, PHONE, 200, micros / S, micros);
  }

  /**
   * Registrations are counted when granted, refreshed by a new REGISTER, removed by one with expiry
   * 0, and lost when their expiry passes without a refresh (after 10 s of grace, at the sweep).
   */
  @Test
  void registrationsExpireUnlessRefreshedAndAreRemovedOnPurpose() {
    register("201", 40, T0 + S, 60);
    register("202", 41, T0 + S, 60);
    register("203", 42, T0 + S, 60);
    assertThat(pbx.registrations).isEqualTo(3);
    register("201", 43, T0 + 2 * S, 0); // unregistered on purpose: not lost later
    assertThat(pbx.registrations).isEqualTo(2);
    register("202", 44, T0 + 50 * S, 60); // refreshed: now until 110 s
    assertThat(pbx.registrations).isEqualTo(2);
    health.sweepBindings(T0 / S + 70); // 203 expired at 61 s: lost only after the grace
    assertThat(pbx.hw.total(MachineState.H_REG_LOST)).isZero();
    health.sweepBindings(T0 / S + 72);
    assertThat(pbx.registrations).isEqualTo(1);
    assertThat(pbx.hw.total(MachineState.H_REG_LOST)).isEqualTo(1);
    health.sweepBindings(T0 / S + 100); // 202 holds until 110 s
    assertThat(pbx.registrations).isEqualTo(1);
    health.sweepBindings(T0 / S + 121);
    assertThat(pbx.registrations).isZero();
    assertThat(pbx.hw.total(MachineState.H_REG_LOST)).isEqualTo(2);
  }

  /**
   * Many extensions, spread over the binding table's blocks, registering and refreshing at random
   * with random expiries: after every sweep (every 10 s) the registrations still counted are
   * exactly those a plain model keeps (the sweep reads only the blocks where one may have expired).
   */
  @Test
  void theSweepLosesExactlyTheBindingsWhoseExpiryPassed() {
    java.util.Random r = new java.util.Random(12);
    java.util.Map<String, Long> model = new java.util.HashMap<>(); // user to expiry second
    long tx = 1000;
    long lost = 0;
    long base = T0 / S;
    for (long sec = 1; sec <= 900; sec++) {
      for (int k = r.nextInt(4); k > 0; k--) {
        String user = Integer.toString(3000 + r.nextInt(300));
        int expires = r.nextInt(10) == 0 ? 0 : 20 + r.nextInt(180);
        register(user, tx++, T0 + sec * S, expires);
        if (expires == 0) model.remove(user);
        else model.put(user, base + sec + expires);
      }
      if (sec % 10 == 0) {
        health.sweepBindings(base + sec);
        long before = model.size();
        final long now = base + sec;
        model.values().removeIf(x -> x < now - 10);
        lost += before - model.size();
        assertThat(pbx.registrations).as("at %d s", sec).isEqualTo(model.size());
      }
    }
    assertThat(lost).as("the run lost some").isGreaterThan(100);
  }

  /**
   * A desk phone and a softphone on one extension: the registrar's 200 lists both bindings. The
   * extension stays registered until the longer one ends, whichever the 200 lists first; a 200 that
   * lists none (the last binding removed) ends it at once, without a loss.
   */
  @Test
  void anExtensionWithTwoDevicesStaysRegisteredUntilItsLongestBindingEnds() {
    register(
        "210",
        50,
        T0 + S,
        "Contact: <sip:210@10.0.0.7>;expires=60, <sip:210@10.0.0.8>;expires=600");
    register(
        "211",
        51,
        T0 + S,
        "Contact: <sip:211@10.0.0.7>;expires=60\r\nm: <sip:211@10.0.0.8>;expires=600");
    assertThat(pbx.registrations).isEqualTo(2);
    health.sweepBindings(T0 / S + 120); // the softphones' 60 s have passed: nothing lost
    assertThat(pbx.hw.total(MachineState.H_REG_LOST)).isZero();
    assertThat(pbx.registrations).isEqualTo(2);
    register("211", 52, T0 + 130 * S, "Expires: 3600"); // no Contact left: unregistered
    assertThat(pbx.registrations).isEqualTo(1);
    health.sweepBindings(T0 / S + 612); // 210's desk phone ended at 601 s without a refresh
    assertThat(pbx.registrations).isZero();
    assertThat(pbx.hw.total(MachineState.H_REG_LOST)).isEqualTo(1);
  }

  @Test
  void aFullRingJudgesItsOldestRequestEarlyAndForgetsItLater() {
    for (int i = 0; i < ServiceHealth.CAPACITY; i++) request(1000 + i, T0 + S + i);
    assertThat(judged()).isZero();
    request(999_999, T0 + S + ServiceHealth.CAPACITY); // one more within the same second
    assertThat(judged()).isEqualTo(1); // the oldest, before its deadline
    // the second is the oldest kept: its retransmission is found
    request(1001, T0 + 2 * S);
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isEqualTo(1);
    // the ring overwrote the first request: its retransmission is a new request now
    request(1000, T0 + 2 * S);
    assertThat(pbx.hw.total(MachineState.H_RETRANS)).isEqualTo(1);
    assertThat(judged()).isEqualTo(2); // and the ring, full again, judged the next oldest
  }

  /** The transaction key whose ring key has fingerprint {@code fp}, index slot {@code slot}. */
  private static long txFor(int fp, int slot) {
    // the index slot is (key ^ key >>> 29) & 8191, and key >>> 29 brings fp << 3 down
    long ringKey = (long) fp << 32 | (slot ^ fp << 3) & (2 * ServiceHealth.CAPACITY - 1);
    return ringKey ^ PBX * 0x9E3779B97F4A7C15L; // mix(txKey, PBX) is then ringKey
  }

  /**
   * The index keeps the low 32 bits of a request's number: 2^32 requests later, an entry whose
   * request left the ring long ago looks recent again and names the ring entry of a live request.
   * Taken as the oldest of a full neighbourhood, it is reused without marking that live request
   * lost (the ring entry's fingerprint is not the old one's).
   */
  @Test
  void anIndexEntryWhoseNumberCameRoundAgainDropsNoLiveRequest() {
    request(txFor(7, 100), T0 + S); // request 1: index slot 100, ring entry 1
    health.skipTo(1L << 32); // four billion requests later
    request(txFor(2, 5000), T0 + 20 * S); // request 2^32 + 0: ring entry 0
    request(txFor(2, 5001), T0 + 20 * S); // 2^32 + 1: ring entry 1, the one slot 100 names
    long before = judged();
    for (int s = 101; s <= 103; s++) request(txFor(8, s), T0 + 20 * S);
    request(txFor(9, 100), T0 + 20 * S); // slots 100-103 all look kept: the oldest goes
    health.judge(T0 + 26 * S);
    assertThat(judged() - before).isEqualTo(6); // request 2^32 + 1 among them
  }

  @Test
  void aRequestDroppedFromAFullIndexNeighbourhoodIsNotJudgedUnanswered() {
    // five keys on one index slot: the four probes are taken, the fifth drops the oldest
    long[] tx = new long[5];
    // (same fingerprint too: the high 32 bits are equal, so the full key decides)
    int found = 0;
    for (long key = 0x1234_5678_0000_0000L; found < tx.length; key++) {
      if (((int) (key ^ key >>> 29) & (2 * ServiceHealth.CAPACITY - 1)) != 77) continue;
      tx[found++] = key ^ PBX * 0x9E3779B97F4A7C15L; // mix(txKey, PBX) is then that key
    }
    for (int i = 0; i < tx.length; i++) request(tx[i], T0 + S + i);
    // all answered, each after it was sent; the first can no longer be found
    for (int i = 0; i < tx.length; i++) answer(tx[i], T0 + S + 100 + i);
    // no answer counts for the others after their own answers: judged answered
    health.judge(T0 + 10 * S);
    assertThat(judged()).isEqualTo(tx.length - 1); // the dropped one is not judged at all
    assertThat(unanswered()).isZero();
  }
}
