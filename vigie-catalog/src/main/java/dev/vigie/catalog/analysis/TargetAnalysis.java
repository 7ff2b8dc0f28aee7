package dev.vigie.catalog.analysis;

import java.util.List;

/**
 * The cut sets of one critical service or line.
 *
 * @param target a service id, or {@code line:NAME} for a line of phone numbers
 * @param singlePointsOfFailure components whose failure alone takes it down (itself excluded)
 * @param cutPairs pairs of components, neither a single point of failure, that take it down
 *     together
 */
public record TargetAnalysis(
    String target, String name, List<String> singlePointsOfFailure, List<List<String>> cutPairs) {
  public TargetAnalysis {
    singlePointsOfFailure = List.copyOf(singlePointsOfFailure);
    cutPairs = cutPairs.stream().map(List::copyOf).toList();
  }
}
