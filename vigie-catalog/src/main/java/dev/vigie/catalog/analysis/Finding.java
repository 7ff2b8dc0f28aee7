package dev.vigie.catalog.analysis;

import java.util.List;

/**
 * One weakness of the catalogue, ranked. JSON-friendly: ids and strings only.
 *
 * @param rank 1 for the finding to fix first
 * @param id stable key, e.g. {@code SUPPORT_COUPLED:vinfra}
 * @param score clients affected (all clients when a support line is down; at least 1) times the
 *     criticality weight (3 when a critical service or a line goes down, else 1)
 * @param components the components whose failure the finding is about (one, or two for a pair)
 * @param targets the critical services and lines ({@code line:support}) they take down
 * @param componentsDown how many components are down then (a tie-breaker of the ranking)
 * @param servicesDown every service down when {@code components} fail
 * @param clients the clients affected then
 * @param group the redundancy group concerned ({@code services[voip].dependsOn[0]}), or null
 * @param explanationEn what is wrong and why, in English
 * @param explanationFr the same in French
 */
public record Finding(
    int rank,
    String id,
    FindingKind kind,
    Severity severity,
    int score,
    List<String> components,
    List<String> targets,
    int componentsDown,
    List<String> servicesDown,
    List<String> clients,
    String group,
    String explanationEn,
    String explanationFr) {
  public Finding {
    components = List.copyOf(components);
    targets = List.copyOf(targets);
    servicesDown = List.copyOf(servicesDown);
    clients = List.copyOf(clients);
  }

  Finding ranked(int newRank) {
    return new Finding(
        newRank,
        id,
        kind,
        severity,
        score,
        components,
        targets,
        componentsDown,
        servicesDown,
        clients,
        group,
        explanationEn,
        explanationFr);
  }

  /** The explanation in {@code language} ("fr" or anything else for English). */
  public String explanation(String language) {
    return "fr".equals(language) ? explanationFr : explanationEn;
  }
}
