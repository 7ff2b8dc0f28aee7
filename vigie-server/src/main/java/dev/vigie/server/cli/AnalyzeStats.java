package dev.vigie.server.cli;

import dev.vigie.wire.IpAddress;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The counts {@code vigie analyze} reports: requests per method, responses per status code, and
 * per-machine messages in and out when an inventory names the addresses. Single-threaded.
 */
public final class AnalyzeStats {
  private final Function<IpAddress, String> machineOf;
  private final Map<String, Long> methods = new TreeMap<>();
  private final Map<Integer, Long> responses = new TreeMap<>();
  private final Map<String, long[]> machines = new LinkedHashMap<>();
  private long sipMessages;

  /**
   * @param machineOf inventory lookup: the machine id of an address, or null
   */
  public AnalyzeStats(Function<IpAddress, String> machineOf) {
    this.machineOf = machineOf;
  }

  /** Declares a machine so that it is listed even with no traffic. */
  public void declareMachine(String id) {
    machines.computeIfAbsent(id, k -> new long[2]);
  }

  public void add(SipEvent e) {
    sipMessages++;
    SipMessage m = e.sip();
    if (m.isRequest()) methods.merge(m.methodName(), 1L, Long::sum);
    else responses.merge(m.statusCode(), 1L, Long::sum);
    String to = machineOf.apply(e.dst());
    if (to != null) machines.computeIfAbsent(to, k -> new long[2])[0]++;
    String from = machineOf.apply(e.src());
    if (from != null) machines.computeIfAbsent(from, k -> new long[2])[1]++;
  }

  public long sipMessages() {
    return sipMessages;
  }

  public Map<String, Long> methods() {
    return methods;
  }

  public Map<String, Long> responses() {
    Map<String, Long> out = new LinkedHashMap<>();
    responses.forEach((k, v) -> out.put(Integer.toString(k), v));
    return out;
  }

  /** Per machine: {id, messagesIn, messagesOut}. */
  public Map<String, long[]> machines() {
    return machines;
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
