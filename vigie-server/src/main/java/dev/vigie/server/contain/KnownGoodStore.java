package dev.vigie.server.contain;

import dev.vigie.contain.trust.KnownGood;
import dev.vigie.contain.trust.KnownGoodAddress;
import dev.vigie.detect.RegistrationListener;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Known-good addresses, learned from detection and persisted (table {@code known_good_address}, one
 * row per address and UTC day). Detection reports each successful registration ({@link
 * #onRegistered}, on the detection thread: one map update); {@link #flush()} writes the counts
 * gathered since the last flush in one transaction, forgets days older than the window and keeps at
 * most {@code maxAddresses} addresses (the least recently seen go first), then reloads the view
 * that {@link #find} reads. Until a flush, pending counts are consulted as well, so a registration
 * protects its address at once.
 *
 * <p>Bounded: the pending map holds at most {@code maxAddresses} addresses between flushes (more
 * are counted as dropped, never stored), the view at most {@code maxAddresses}.
 */
public final class KnownGoodStore implements KnownGood, RegistrationListener {

  private record Pending(String machine, long count, Instant lastSeen) {}

  private final Jdbi jdbi;
  private final Inventory inventory;
  private final int days;
  private final int maxAddresses;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private volatile Map<String, KnownGoodAddress> view = Map.of();

  public KnownGoodStore(Jdbi jdbi, Inventory inventory, int days, int maxAddresses) {
    this.jdbi = jdbi;
    this.inventory = inventory;
    this.days = days;
    this.maxAddresses = maxAddresses;
  }

  @Override
  public void onRegistered(String address, String machine, long micros) {
    if (address == null) return;
    Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
    if (!pending.containsKey(address) && pending.size() >= maxAddresses) {
      dropped.incrementAndGet();
      return;
    }
    pending.merge(
        address,
        new Pending(machine, 1, at),
        (a, b) ->
            new Pending(
                b.machine() != null ? b.machine() : a.machine(),
                a.count() + 1,
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
  }

  @Override
  public Optional<KnownGoodAddress> find(String source) {
    if (source == null) return Optional.empty();
    KnownGoodAddress k = view.get(source);
    Pending p = pending.get(source);
    if (p == null) return Optional.ofNullable(k);
    if (k == null) {
      return Optional.of(
          new KnownGoodAddress(
              source, client(p.machine()), p.machine(), p.count(), days, p.lastSeen()));
    }
    return Optional.of(
        new KnownGoodAddress(
            source,
            k.client(),
            k.machine(),
            k.registrations() + p.count(),
            days,
            p.lastSeen().isAfter(k.lastSeen()) ? p.lastSeen() : k.lastSeen()));
  }

  /** Every known-good address, the most recently seen first. */
  public List<KnownGoodAddress> all() {
    Map<String, KnownGoodAddress> m = new HashMap<>(view);
    for (String a : pending.keySet()) find(a).ifPresent(k -> m.put(a, k));
    List<KnownGoodAddress> out = new ArrayList<>(m.values());
    out.sort(Comparator.comparing(KnownGoodAddress::lastSeen).reversed());
    return out;
  }

  /** The learning window, in days. */
  public int days() {
    return days;
  }

  /** Registrations not stored because the pending map was full (between two flushes). */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Writes the pending counts, forgets what fell out of the window or beyond the bound, reloads the
   * view. {@code now} decides the window (the server's clock). Called by one thread at a time.
   */
  public synchronized void flush(Instant now) {
    Map<String, Pending> batch = new LinkedHashMap<>();
    for (String a : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(a);
      if (p != null) batch.put(a, p);
    }
    LocalDate oldest = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L);
    jdbi.useTransaction(h -> {
      for (var e : batch.entrySet()) {
        Pending p = e.getValue();
        LocalDate day = LocalDate.ofInstant(p.lastSeen(), ZoneOffset.UTC);
        int n =
            h.createUpdate(
                    "UPDATE known_good_address SET registrations = registrations + :n,"
                        + " last_seen = CASE WHEN last_seen > :t THEN last_seen ELSE :t END,"
                        + " machine = COALESCE(:m, machine), client = COALESCE(:c, client)"
                        + " WHERE address = :a AND seen_day = :d")
                .bind("n", p.count())
                .bind("t", Timestamp.from(p.lastSeen()))
                .bind("m", p.machine())
                .bind("c", client(p.machine()))
                .bind("a", e.getKey())
                .bind("d", day)
                .execute();
        if (n == 0) {
          h.createUpdate(
                  "INSERT INTO known_good_address"
                      + " (address, seen_day, machine, client, registrations, last_seen)"
                      + " VALUES (:a, :d, :m, :c, :n, :t)")
              .bind("a", e.getKey())
              .bind("d", day)
              .bind("m", p.machine())
              .bind("c", client(p.machine()))
              .bind("n", p.count())
              .bind("t", Timestamp.from(p.lastSeen()))
              .execute();
        }
      }
      h.createUpdate("DELETE FROM known_good_address WHERE seen_day < :d")
          .bind("d", oldest)
          .execute();
      List<String> excess =
          h.createQuery(
                  "SELECT address FROM known_good_address GROUP BY address"
                      + " ORDER BY MAX(last_seen) DESC OFFSET :n ROWS")
              .bind("n", maxAddresses)
              .mapTo(String.class)
              .list();
      for (String a : excess) {
        h.createUpdate("DELETE FROM known_good_address WHERE address = :a").bind("a", a).execute();
      }
    });
    view = load(oldest);
  }

  private Map<String, KnownGoodAddress> load(LocalDate oldest) {
    Map<String, KnownGoodAddress> m = new HashMap<>();
    jdbi.useHandle(h ->
        h.createQuery(
                "SELECT address, MAX(machine) AS machine, MAX(client) AS client,"
                    + " SUM(registrations) AS registrations, MAX(last_seen) AS last_seen"
                    + " FROM known_good_address WHERE seen_day >= :d GROUP BY address")
            .bind("d", oldest)
            .map((rs, ctx) ->
                new KnownGoodAddress(
                    rs.getString("address"),
                    rs.getString("client"),
                    rs.getString("machine"),
                    rs.getLong("registrations"),
                    days,
                    rs.getTimestamp("last_seen").toInstant()))
            .forEach(k -> m.put(k.address(), k)));
    return Map.copyOf(m);
  }

  private String client(String machine) {
    if (machine == null) return null;
    Machine m = inventory.machine(machine);
    return m == null ? null : m.client();
  }
}
