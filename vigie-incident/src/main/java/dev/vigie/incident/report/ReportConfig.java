package dev.vigie.incident.report;

import dev.vigie.incident.InvalidIncidentException;
import dev.vigie.incident.number.IgNumbering;
import java.time.ZoneId;
import java.util.List;

/**
 * The report's fixed parts, from configuration.
 *
 * @param companyName provider's name printed at the top of every page ({@code report.companyName})
 * @param address address lines under it ({@code report.address}), may be empty
 * @param zone zone the report's dates and times are written in ({@code incident.zone}, default
 *     Europe/Paris, the same as the IG numbering)
 */
public record ReportConfig(String companyName, List<String> address, ZoneId zone) {
  public ReportConfig {
    if (companyName == null || companyName.isBlank()) {
      throw new InvalidIncidentException("report.companyName is missing or blank");
    }
    companyName = companyName.strip();
    address = address == null ? List.of() : address.stream().map(String::strip).toList();
    for (int i = 0; i < address.size(); i++) {
      if (address.get(i).isEmpty()) {
        throw new InvalidIncidentException("report.address[" + i + "] is blank");
      }
    }
    zone = zone == null ? IgNumbering.DEFAULT_ZONE : zone;
  }
}
