package dev.vigie.cluster;

import dev.vigie.detect.Alert;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import java.nio.charset.StandardCharsets;

/**
 * Which stage sees an event, under which key, and which alerts each stage owns. Mirrors what the
 * engine attributes: a request counts for its sender when the sender is remote (IPv6 by /64), a
 * response for its receiver; machine rules count a request at its sending machine (outbound) or its
 * receiving machine (inbound), a response at its receiving machine.
 */
public final class Stages {
  private final Inventory inventory;

  public Stages(Inventory inventory) {
    this.inventory = inventory;
  }

  /** The source-stage key (remote address bytes, IPv6 as its /64), or null when none. */
  public byte[] sourceKey(SipEvent e) {
    IpAddress remote = e.sip().isRequest() ? e.src() : e.dst();
    if (inventory.machineOf(remote) != null) return null;
    return (remote.v6() ? remote.prefix64() : remote).toBytes();
  }

  /** The machine-stage key (machine id), or null when no inventory machine is involved. */
  public byte[] machineKey(SipEvent e) {
    Machine m;
    if (e.sip().isRequest()) {
      m = inventory.machineOf(e.src());
      if (m == null) m = inventory.machineOf(e.dst());
    } else {
      m = inventory.machineOf(e.dst());
      if (m == null) m = inventory.machineOf(e.src());
    }
    return m == null ? null : m.id().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the source stage owns {@code a} (else the machine stage does). */
  public static boolean sourceStageOwns(Alert a) {
    return switch (a.kind()) {
      case SCAN, ENUMERATION, BRUTE_FORCE -> true;
      case FLOOD -> a.source() != null;
      case MACHINE_TRAFFIC, TOLL_FRAUD, SERVICE_DEGRADED, PLATFORM_PRESSURE -> false;
    };
  }

  /** Whether the stage reading {@code topic} owns {@code a}. */
  public static boolean owns(Topics topics, String topic, Alert a) {
    return sourceStageOwns(a) == topics.sipBySource().equals(topic);
  }
}
