package dev.vigie.server.ingest;

import dev.vigie.detect.inventory.Cidr;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.hep.HepDecoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who may send HEP, checked on the network thread before anything is decoded or queued: the
 * sender's address against {@code server.hep.allow} (empty: any), then the HEP3 auth-key chunk
 * against {@code server.hep.authKey} (unset: none required), found by walking chunk headers only
 * ({@link HepDecoder#carriesAuthKey}). Each refusal is counted in {@code
 * vigie_ingest_rejected_total{reason="address"|"auth_key"}}. Thread-safe (immutable but counters).
 */
public final class HepGate {
  private final List<Cidr> allow;
  private final byte[] key;
  private final Counter badAddress;
  private final Counter badKey;

  public HepGate(List<Cidr> allow, String authKey, MeterRegistry metrics) {
    this.allow = List.copyOf(allow);
    this.key =
        authKey == null || authKey.isEmpty() ? null : authKey.getBytes(StandardCharsets.UTF_8);
    this.badAddress = metrics.counter("vigie_ingest_rejected_total", "reason", "address");
    this.badKey = metrics.counter("vigie_ingest_rejected_total", "reason", "auth_key");
  }

  /** True when the sender may send; false (counted) when it is not in the allow-list. */
  public boolean admits(InetAddress sender) {
    if (allow.isEmpty()) return true;
    IpAddress ip = IpAddress.of(sender.getAddress());
    for (Cidr c : allow) if (c.contains(ip)) return true;
    badAddress.increment();
    return false;
  }

  /** True when no key is required or the packet carries it; false (counted) otherwise. */
  public boolean keyed(byte[] packet) {
    if (key == null || HepDecoder.carriesAuthKey(packet, 0, packet.length, key)) return true;
    badKey.increment();
    return false;
  }
}
