package dev.vigie.catalog.analysis;

import dev.vigie.catalog.NumberRole;
import dev.vigie.catalog.PhoneNumber;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * The backup-number rules of each line (REFERENCE "Telephony failover"): a line with main numbers
 * needs a backup number, and a backup must share neither the carrier nor the platform of a main
 * number. Deeper shared causes (the backup's platform hosted on the mains' infrastructure) show up
 * as single points of failure of the line.
 */
final class NumberChecks {
  private final DependencyModel model;
  private final FindingRules rules;

  NumberChecks(DependencyModel model, FindingRules rules) {
    this.model = model;
    this.rules = rules;
  }

  void run() {
    for (String line : model.lines.keySet()) {
      List<PhoneNumber> mains = rules.numbers(line, NumberRole.MAIN);
      List<PhoneNumber> backups = rules.numbers(line, NumberRole.BACKUP);
      if (mains.isEmpty()) {
        continue;
      }
      List<String> mainIds = mains.stream().map(PhoneNumber::id).toList();
      if (backups.isEmpty()) {
        boolean fragile = rules.hasSinglePoint("line:" + line);
        rules.add(
            FindingKind.NO_BACKUP_NUMBER,
            mainIds,
            List.of("line:" + line),
            rules.impact(mainIds),
            null,
            rules.explain().noBackup(line, mainIds),
            fragile);
      }
      for (PhoneNumber backup : backups) {
        shares(line, backup, mains, PhoneNumber::carrier, FindingKind.BACKUP_SHARES_CARRIER);
        shares(line, backup, mains, PhoneNumber::platform, FindingKind.BACKUP_SHARES_PLATFORM);
        published(line, backup, mainIds);
      }
    }
  }

  private void shares(
      String line,
      PhoneNumber backup,
      List<PhoneNumber> mains,
      Function<PhoneNumber, String> key,
      FindingKind kind) {
    String shared = key.apply(backup);
    List<String> sharing =
        mains.stream().filter(m -> shared.equals(key.apply(m))).map(PhoneNumber::id).toList();
    if (sharing.isEmpty()) {
      return;
    }
    rules.add(
        kind,
        List.of(shared),
        List.of("line:" + line, backup.id()),
        rules.impact(List.of(shared)),
        "numbers[" + backup.id() + "]",
        rules
            .explain()
            .backupShares(backup.id(), kind == FindingKind.BACKUP_SHARES_CARRIER, shared, sharing),
        true);
  }

  /**
   * A backup is only useful if clients can find it when the mains are down: for every component
   * whose failure alone cuts all main numbers off, checks that some place the backup is published
   * on ({@code publishedOn}) stays up.
   */
  private void published(String line, PhoneNumber backup, List<String> mainIds) {
    if (backup.publishedOn().isEmpty()) {
      return;
    }
    List<Expr> leaves =
        mainIds.stream().map(id -> (Expr) new Expr.Leaf(model.index.get(id))).toList();
    BitSet causes = rules.cuts().of(new Expr.Any(leaves, null)).singles();
    for (int c = causes.nextSetBit(0); c >= 0; c = causes.nextSetBit(c + 1)) {
      String cause = rules.id(c);
      Impact impact = rules.impact(List.of(cause));
      if (impact.componentsDown().containsAll(backup.publishedOn())) {
        rules.add(
            FindingKind.BACKUP_UNPUBLISHED,
            List.of(cause),
            List.of("line:" + line, backup.id()),
            impact,
            "numbers[" + backup.id() + "].publishedOn",
            rules.explain().backupHidden(backup.id(), backup.publishedOn(), cause),
            true);
      }
    }
  }
}
