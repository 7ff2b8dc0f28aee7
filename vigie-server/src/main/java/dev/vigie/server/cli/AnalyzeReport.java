package dev.vigie.server.cli;

import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.wire.capture.CaptureSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code vigie analyze} prints: the contract's JSON object (DESIGN.md section 4) or a readable
 * summary. Field names of the JSON are fixed; extra fields (truncated, malformedByReason,
 * cdrRecords) are additions.
 */
record AnalyzeReport(
    long packets,
    long sipMessages,
    long malformed,
    Instant firstPacket,
    Instant lastPacket,
    Map<String, Long> methods,
    Map<String, Long> responses,
    List<MachineCount> machines,
    List<Alert> alerts,
    boolean truncated,
    Map<String, Long> malformedByReason,
    long cdrRecords,
    List<String> warnings) {

  record MachineCount(String id, long messagesIn, long messagesOut) {}

  static AnalyzeReport of(
      CaptureSummary total,
      AnalyzeStats stats,
      DetectionEngine engine,
      List<String> machineIds,
      long cdrRows,
      List<String> warnings) {
    Map<String, long[]> counts = engine.machineMessages();
    List<MachineCount> machines = new ArrayList<>();
    for (String id : machineIds) {
      long[] c = counts.getOrDefault(id, new long[2]);
      machines.add(new MachineCount(id, c[0], c[1]));
    }
    return new AnalyzeReport(
        total == null ? 0 : total.packets(),
        stats.sipMessages(),
        total == null ? 0 : total.malformed(),
        total == null ? null : total.firstPacket().orElse(null),
        total == null ? null : total.lastPacket().orElse(null),
        stats.methods(),
        stats.responses(),
        machines,
        engine.alerts(),
        total != null && total.truncated(),
        total == null ? Map.of() : total.malformedByReason(),
        cdrRows,
        List.copyOf(warnings));
  }

  String toJson() {
    return ReportJson.write(jsonTree());
  }

  /** The JSON object as maps, lists and values, in the contract's field order. */
  Map<String, Object> jsonTree() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("packets", packets);
    o.put("sipMessages", sipMessages);
    o.put("malformed", malformed);
    o.put("firstPacket", firstPacket);
    o.put("lastPacket", lastPacket);
    o.put("methods", methods);
    o.put("responses", responses);
    o.put("machines", machines);
    o.put("alerts", alerts.stream().map(dev.vigie.server.api.AlertJson::of).toList());
    o.put("truncated", truncated);
    o.put("malformedByReason", malformedByReason);
    o.put("cdrRecords", cdrRecords);
    o.put("warnings", warnings);
    return o;
  }

  String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-14s %,d%n", "packets", packets));
    sb.append(String.format("%-14s %,d%n", "SIP messages", sipMessages));
    sb.append(String.format("%-14s %,d%n", "malformed", malformed));
    if (cdrRecords > 0) sb.append(String.format("%-14s %,d%n", "CDR records", cdrRecords));
    sb.append(String.format("%-14s %s%n", "first packet", firstPacket == null ? "-" : firstPacket));
    sb.append(String.format("%-14s %s%n", "last packet", lastPacket == null ? "-" : lastPacket));
    if (truncated) sb.append("(capture truncated: counts cover what was read)\n");
    for (String w : warnings) sb.append("warning: ").append(w).append('\n');
    if (!methods.isEmpty()) {
      sb.append("\nrequests\n");
      methods.forEach((k, v) -> sb.append(String.format("  %-12s %,10d%n", k, v)));
    }
    if (!responses.isEmpty()) {
      sb.append("\nresponses\n");
      responses.forEach((k, v) -> sb.append(String.format("  %-12s %,10d%n", k, v)));
    }
    if (!machines.isEmpty()) {
      sb.append(String.format("%n%-24s %10s %10s%n", "machine", "in", "out"));
      for (MachineCount m : machines) {
        sb.append(String.format("%-24s %,10d %,10d%n", m.id(), m.messagesIn(), m.messagesOut()));
      }
    }
    sb.append(String.format("%nalerts: %d%n", alerts.size()));
    for (Alert a : alerts) {
      sb.append(
          String.format(
              "  %-8s %-15s %-20s %s  %s%n",
              a.severity(),
              a.kind(),
              a.source() != null ? a.source() : a.machine(),
              a.detectedAt(),
              a.summary()));
    }
    return sb.toString();
  }
}
