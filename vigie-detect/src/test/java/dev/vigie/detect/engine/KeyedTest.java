package dev.vigie.detect.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.detect.window.BoundedTable;
import dev.vigie.wire.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Source addresses and extensions are chosen by whoever sends the traffic, so the tables that index
 * them place keys by {@link Keyed}'s secret-keyed hashes: addresses computed offline to share one
 * slot of the index under their {@code hashCode()} spread out under any key.
 */
class KeyedTest {
  static final int CAPACITY = 16_384;

  static final class Slot extends BoundedTable.Slot<IpAddress> {
    @Override
    protected void reset() {}
  }

  /**
   * The first {@code n} IPv4 addresses from 10.0.0.0 that the unkeyed index puts in its first 64
   * slots.
   */
  static List<IpAddress> aimedAddresses(int n) {
    int mask = 2 * CAPACITY - 1; // the index of a 16,384-slot table: 32,768 entries
    List<IpAddress> out = new ArrayList<>();
    for (long x = 0x0A000000L; out.size() < n; x++) {
      IpAddress ip =
          IpAddress.parse(
              (x >> 24 & 255) + "." + (x >> 16 & 255) + "." + (x >> 8 & 255) + "." + (x & 255));
      int h = ip.hashCode() * 0x9E3779B9;
      h ^= h >>> 16;
      if ((h & mask) < 64) out.add(ip);
    }
    return out;
  }

  @Test
  void addressesAimedAtOneSlotOfTheIndexSpreadOutUnderAKey() {
    List<IpAddress> aimed = aimedAddresses(CAPACITY);
    BoundedTable<IpAddress, Slot> byHashCode = new BoundedTable<>(CAPACITY, Slot::new);
    for (IpAddress ip : aimed) byHashCode.count(ip, 1, 0);
    assertThat(byHashCode.longestProbeRun()).as("keyed by hashCode: one run").isEqualTo(CAPACITY);
    for (long key : new long[] {0, 1, 0x9E3779B97F4A7C15L}) {
      BoundedTable<IpAddress, Slot> keyed =
          new BoundedTable<>(CAPACITY, Slot::new, ip -> Keyed.address(ip, key));
      for (IpAddress ip : aimed) keyed.count(ip, 1, 0);
      assertThat(keyed.size()).isEqualTo(CAPACITY);
      assertThat(keyed.longestProbeRun()).as("key %x", key).isLessThan(100);
      for (IpAddress ip : aimed) assertThat(keyed.find(ip).key()).isEqualTo(ip);
    }
  }

  @Test
  void distinctKeysGiveDistinctHashesAndTheSecretChangesThem() {
    Set<Long> seen = new HashSet<>();
    List<String> texts = new ArrayList<>();
    // "Aa" and "BB" share String.hashCode, and so do all their concatenations
    for (String a : List.of("Aa", "BB"))
      for (String b : List.of("Aa", "BB"))
        for (String c : List.of("Aa", "BB")) texts.add(a + b + c);
    texts.addAll(
        List.of("", "1", "10", "100", "1000", "10000", "198.51.100.7|1003", "198.51.100.7|1004"));
    for (String t : texts) assertThat(seen.add(Keyed.text(t, 5))).as(t).isTrue();
    assertThat(Keyed.text("AaAa", 5)).isNotEqualTo(Keyed.text("AaAa", 6));
    IpAddress a = IpAddress.parse("198.51.100.7");
    IpAddress b = IpAddress.parse("2001:db8::");
    assertThat(Keyed.address(a, 5)).isNotEqualTo(Keyed.address(a, 6));
    assertThat(Keyed.address(a, 5)).isNotEqualTo(Keyed.address(b, 5));
  }
}
