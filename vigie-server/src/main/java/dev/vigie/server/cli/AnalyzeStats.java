package dev.vigie.server.cli;

import dev.vigie.wire.SipEvent;
import dev.vigie.wire.sip.SipMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts {@code vigie analyze} reports: requests per method and responses per status code (the
 * per-machine counts come from the detection engine). Single-threaded.
 */
public final class AnalyzeStats {
  private final Map<String, Long> methods = new TreeMap<>();
  private final Map<Integer, Long> responses = new TreeMap<>();
  private long sipMessages;

  public void add(SipEvent e) {
    sipMessages++;
    SipMessage m = e.sip();
    if (m.isRequest()) methods.merge(m.methodName(), 1L, Long::sum);
    else responses.merge(m.statusCode(), 1L, Long::sum);
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
}
