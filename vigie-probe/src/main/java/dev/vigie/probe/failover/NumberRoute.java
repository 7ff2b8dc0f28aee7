package dev.vigie.probe.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * A main number, its backup number, and the alternative paths that carry its calls (from the
 * catalogue). Validated: errors name the key and the value.
 */
public record NumberRoute(String number, String backupNumber, List<RoutePath> paths) {
  public NumberRoute {
    List<String> p = new ArrayList<>();
    if (number == null || number.isBlank()) p.add("number: missing");
    if (backupNumber == null || backupNumber.isBlank()) {
      p.add("backupNumber: missing for number '" + number + "'");
    } else if (backupNumber.equals(number)) {
      p.add("backupNumber: '" + backupNumber + "' is the main number itself");
    }
    if (paths == null || paths.isEmpty()) p.add("paths: number '" + number + "' has no path");
    else {
      for (int i = 0; i < paths.size(); i++) {
        RoutePath rp = paths.get(i);
        if (rp == null || rp.components().isEmpty()) {
          p.add("paths[" + i + "].components: empty for number '" + number + "'");
        }
      }
    }
    if (!p.isEmpty()) throw new IllegalArgumentException(String.join("; ", p));
    paths = List.copyOf(paths);
  }
}
