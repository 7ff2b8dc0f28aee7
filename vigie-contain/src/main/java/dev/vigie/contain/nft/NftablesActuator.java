package dev.vigie.contain.nft;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.actuator.ActuationException;
import dev.vigie.contain.actuator.Actuator;
import dev.vigie.contain.actuator.InForce;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts isolations in force with nftables, in a table of Vigie's own ({@code inet vigie} by default,
 * layout in {@link NftSets}). Every change is one {@code nft -f -} batch (atomic). Elements carry a
 * kernel timeout equal to the isolation's remaining time, so the kernel lifts an expired block even
 * while Vigie is down, and a comment {@code vigie:<isolation id>} for whoever reads the ruleset.
 *
 * <p>The table is (re)built by {@link #prepare()}, called before the first apply and again when an
 * apply finds the table gone. Stateless apart from that flag and its configuration: safe to call
 * from several threads, though the containment service serialises its calls. Each call costs one or
 * two nft processes (a few ms). Errors carry nft's stderr and the script that failed.
 */
public final class NftablesActuator implements Actuator {

  private final NftConfig cfg;
  private final NftRunner nft;
  private final InstantSource clock;
  private volatile boolean prepared;

  public NftablesActuator(NftConfig cfg, InstantSource clock) {
    this.cfg = cfg;
    this.nft = new NftRunner(cfg);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "nftables inet "
        + cfg.table()
        + (cfg.netns() == null ? "" : " (netns " + cfg.netns() + ")");
  }

  @Override
  public void prepare() throws ActuationException {
    nft.batch(NftSets.prepareScript(cfg.table()));
    prepared = true;
  }

  @Override
  public void apply(Isolation iso) throws ActuationException {
    Duration left = iso.remaining(clock.instant());
    if (left != null && left.toMillis() <= 0) {
      throw new ActuationException("isolation " + iso.id() + " expired at " + iso.expires());
    }
    StringBuilder b = new StringBuilder();
    for (Cidr p : iso.target().prefixes()) {
      b.append("add element inet ")
          .append(cfg.table())
          .append(' ')
          .append(NftSets.setFor(iso.kind(), p))
          .append(" { ")
          .append(p);
      if (left != null) {
        b.append(" timeout ").append(Math.max(1, left.toMillis())).append("ms");
      }
      b.append(" comment \"vigie:").append(tag(iso.id())).append("\" }\n");
    }
    if (!prepared) {
      prepare();
    }
    try {
      nft.batch(b.toString());
    } catch (ActuationException e) {
      if (!e.getMessage().contains("No such file or directory")) {
        throw e;
      }
      prepare(); // the table vanished (reboot, someone flushed the ruleset): rebuild, retry once
      nft.batch(b.toString());
    }
  }

  @Override
  public void revoke(Isolation iso) throws ActuationException {
    for (int attempt = 0; ; attempt++) {
      List<InForce> present = new ArrayList<>();
      for (InForce f : inForce().orElseThrow()) {
        if (f.kind() == iso.kind() && iso.target().prefixes().contains(f.prefix())) {
          present.add(f);
        }
      }
      try {
        removeStray(present);
        return;
      } catch (ActuationException e) {
        if (attempt > 0) {
          throw e; // an element may have expired between listing and deleting: retry once
        }
      }
    }
  }

  @Override
  public Optional<List<InForce>> inForce() throws ActuationException {
    NftRunner.Result r = nft.run(null, "-j", "list", "table", "inet", cfg.table());
    if (r.exit() != 0) {
      if (r.stderr().contains("No such file or directory")) {
        return Optional.of(List.of()); // no table: nothing in force
      }
      throw new ActuationException(
          "nft list failed (exit " + r.exit() + "): " + r.stderr().strip());
    }
    return Optional.of(NftState.parse(r.stdout()));
  }

  @Override
  public void removeStray(List<InForce> stray) throws ActuationException {
    if (stray.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (InForce f : stray) {
      b.append("delete element inet ")
          .append(cfg.table())
          .append(' ')
          .append(NftSets.setFor(f.kind(), f.prefix()))
          .append(" { ")
          .append(f.prefix())
          .append(" }\n");
    }
    nft.batch(b.toString());
  }

  /** Deletes Vigie's table and everything in it (tests, uninstall). Missing table is fine. */
  public void dropTable() throws ActuationException {
    NftRunner.Result r = nft.run(null, "delete", "table", "inet", cfg.table());
    if (r.exit() != 0 && !r.stderr().contains("No such file or directory")) {
      throw new ActuationException("nft delete table failed: " + r.stderr().strip());
    }
  }

  /** The ruleset of Vigie's table as nft prints it (diagnostics). */
  public String listing() throws ActuationException {
    return nft.run(null, "list", "table", "inet", cfg.table()).stdout();
  }

  private static String tag(String id) {
    return id.replaceAll("[^A-Za-z0-9._:-]", "_");
  }
}
