package dev.vigie.server.cli;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipMessage;
import dev.vigie.wire.sip.SipMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts {@code vigie analyze} reports: requests per method and responses per status code (the
 * per-machine counts come from the detection engine). Counting allocates nothing: known methods and
 * status codes under 1000 are counted in arrays; only an unknown method's name (or an impossible
 * code) goes to a map. Single-threaded.
 */
public final class AnalyzeStats {
  private static final SipMethod[] METHODS = SipMethod.values();
  private final long[] known = new long[METHODS.length];
  private final Map<String, Long> otherMethods = new TreeMap<>();
  private final long[] codes = new long[1000];
  private final Map<Integer, Long> otherCodes = new TreeMap<>();
  private long sipMessages;

  public void add(SipEvent e) {
    sipMessages++;
    SipMessage m = e.sip();
    if (m.isRequest()) {
      SipMethod k = m.method(); // a known method's name is exactly its enum name
      if (k != null && k != SipMethod.OTHER) known[k.ordinal()]++;
      else otherMethods.merge(m.methodName(), 1L, Long::sum);
    } else {
      int c = m.statusCode();
      if (c >= 0 && c < codes.length) codes[c]++;
      else otherCodes.merge(c, 1L, Long::sum);
    }
  }

  public long sipMessages() {
    return sipMessages;
  }

  /** Requests per method name, in name order. */
  public Map<String, Long> methods() {
    Map<String, Long> out = new TreeMap<>(otherMethods);
    for (SipMethod k : METHODS) {
      if (known[k.ordinal()] > 0) out.merge(k.name(), known[k.ordinal()], Long::sum);
    }
    return out;
  }

  /** Responses per status code (as text), in numeric order. */
  public Map<String, Long> responses() {
    Map<Integer, Long> all = new TreeMap<>(otherCodes);
    for (int c = 0; c < codes.length; c++) if (codes[c] > 0) all.put(c, codes[c]);
    Map<String, Long> out = new LinkedHashMap<>();
    all.forEach((k, v) -> out.put(Integer.toString(k), v));
    return out;
  }
}
