package dev.vigie.incident.alertmanager;

import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager POSTs to a webhook receiver (payload version 4). Plain record with
 * Alertmanager's own field names, so Jackson binds it directly (with {@code
 * FAIL_ON_UNKNOWN_PROPERTIES} off and the JSR-310 module for the instants).
 *
 * @param version payload version, "4"
 * @param groupKey key identifying the alert group (Vigie opens one incident per group)
 * @param truncatedAlerts how many alerts were left out of {@code alerts} by max_alerts
 * @param status "firing" while at least one alert of the group fires, else "resolved"
 * @param receiver the receiver's name in Alertmanager's configuration
 * @param groupLabels labels the group is formed by
 * @param commonLabels labels every alert of the group shares
 * @param commonAnnotations annotations every alert of the group shares
 * @param externalURL Alertmanager's address
 * @param alerts the alerts of the group
 */
public record AlertmanagerPayload(
    String version,
    String groupKey,
    Integer truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    List<AlertmanagerAlert> alerts) {

  public AlertmanagerPayload {
    groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
    commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
    commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
