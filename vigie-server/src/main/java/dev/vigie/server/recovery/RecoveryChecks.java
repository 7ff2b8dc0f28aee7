package dev.vigie.server.recovery;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Machine;
import dev.vigie.catalog.MachineRole;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.probe.ProbeConfigException;
import dev.vigie.probe.ProbeKind;
import dev.vigie.probe.ProbeResult;
import dev.vigie.probe.ProbeTarget;
import dev.vigie.probe.Prober;
import dev.vigie.server.recovery.RecoveryRun.Check;
import dev.vigie.server.recovery.RecoveryRun.CheckKind;
import dev.vigie.server.recovery.RecoveryRun.CheckState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The live checks of one machine in a recovery (the seed's hand checks, 08h50-10h45):
 *
 * <ol>
 *   <li>platform metrics under their blocking thresholds ({@link PlatformMetricsCheck});
 *   <li>SIP answering: an OPTIONS to each probe configured for the machine ({@code probes} whose
 *       {@code component} is it), else to its first address on {@code recovery.sipPort};
 *   <li>registrations back to their usual level ({@link RegistrationWatch}, passive);
 *   <li>per client of the machine (the catalogue's impact: the clients whose services go down with
 *       it, and its own client), the client's proxy answering OPTIONS (the client's machines of
 *       role proxy or SBC, through their probes or their first address).
 * </ol>
 *
 * Probes go out in parallel on virtual threads, each bounded by its timeout, so checking a machine
 * takes about one timeout at worst. A check with nothing to look at is NOT_CONFIGURED, never a
 * pass. Thread-safe (stateless besides its collaborators, which are).
 */
public final class RecoveryChecks {
  private final Catalog catalog;
  private final List<ProbeTarget> targets;
  private final Prober prober;
  private final PlatformMetricsCheck metrics;
  private final RegistrationWatch registrations;
  private final RecoverySettings settings;
  private final InstantSource clock;

  public RecoveryChecks(
      Catalog catalog,
      List<ProbeTarget> targets,
      Prober prober,
      PlatformMetricsCheck metrics,
      RegistrationWatch registrations,
      RecoverySettings settings,
      InstantSource clock) {
    this.catalog = catalog;
    this.targets = List.copyOf(targets);
    this.prober = prober;
    this.metrics = metrics == null ? PlatformMetricsCheck.NOT_CONFIGURED : metrics;
    this.registrations = registrations;
    this.settings = settings;
    this.clock = clock;
  }

  /** Runs every check of {@code machineId} now. */
  public List<Check> run(String machineId) {
    Machine m =
        catalog == null
            ? null
            : catalog.machines().stream()
                .filter(x -> x.id().equals(machineId))
                .findFirst()
                .orElse(null);
    if (m == null) { // the catalogue changed since the run started: nothing left to check
      return List.of(new Check(CheckKind.SIP, null, CheckState.NOT_CONFIGURED, Map.of()));
    }
    List<Check> out = new ArrayList<>();
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Check> metricsCheck = vt.submit(() -> metrics(machineId));
      Future<Check> sip = vt.submit(() -> sip(m, CheckKind.SIP, null));
      List<Future<Check>> proxies = new ArrayList<>();
      for (String client : clients(m)) {
        proxies.add(vt.submit(() -> proxy(m, client)));
      }
      out.add(get(metricsCheck));
      out.add(get(sip));
      out.add(registrations(machineId));
      for (Future<Check> f : proxies) out.add(get(f));
    }
    return out;
  }

  private Check metrics(String machineId) {
    PlatformMetricsCheck.Result r;
    try {
      r = metrics.check(machineId);
    } catch (RuntimeException e) {
      return new Check(CheckKind.METRICS, null, CheckState.FAIL, Map.of("error", "unreadable"));
    }
    if (r == null || !r.configured()) {
      return new Check(CheckKind.METRICS, null, CheckState.NOT_CONFIGURED, Map.of());
    }
    List<Map<String, Object>> readings = new ArrayList<>();
    for (var x : r.readings()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("metric", x.metric());
      one.put("value", x.value());
      one.put("threshold", x.threshold());
      one.put("state", x.state().name());
      readings.add(one);
    }
    return new Check(
        CheckKind.METRICS,
        null,
        r.underThresholds() ? CheckState.PASS : CheckState.FAIL,
        Map.of("readings", readings));
  }

  private Check registrations(String machineId) {
    RegistrationWatch.Reading r =
        registrations == null ? null : registrations.reading(machineId, clock.instant());
    if (r == null || r.usual() == 0) {
      return new Check(CheckKind.REGISTRATIONS, null, CheckState.NOT_CONFIGURED, Map.of());
    }
    return new Check(
        CheckKind.REGISTRATIONS,
        null,
        r.back(settings.registrationsShare()) ? CheckState.PASS : CheckState.FAIL,
        Map.of("now", r.now(), "usual", r.usual()));
  }

  /** The client's proxies (role proxy or SBC, other than the machine itself) answer OPTIONS. */
  private Check proxy(Machine m, String client) {
    List<Machine> proxies = new ArrayList<>();
    for (Machine x : catalog.machines()) {
      if (client.equals(x.client())
          && !x.id().equals(m.id())
          && (x.role() == MachineRole.PROXY || x.role() == MachineRole.SBC)) {
        proxies.add(x);
      }
    }
    if (proxies.isEmpty()) {
      return new Check(CheckKind.CLIENT_PROXY, client, CheckState.NOT_CONFIGURED, Map.of());
    }
    Check worst = null;
    for (Machine p : proxies) {
      Check c = sip(p, CheckKind.CLIENT_PROXY, client);
      if (worst == null || c.state() == CheckState.FAIL) worst = c;
      if (c.state() == CheckState.FAIL) break;
    }
    return worst;
  }

  /** OPTIONS to the machine's probes (all must answer), else to its first address. */
  private Check sip(Machine m, CheckKind kind, String subject) {
    List<ProbeTarget> mine = new ArrayList<>();
    for (ProbeTarget t : targets) {
      if (t.componentId().equals(m.id()) && t.kind() == ProbeKind.OPTIONS) mine.add(t);
    }
    if (mine.isEmpty()) {
      ProbeTarget t = fallback(m);
      if (t == null) return new Check(kind, subject, CheckState.NOT_CONFIGURED, Map.of());
      mine.add(t);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    for (ProbeTarget t : mine) {
      ProbeResult r = prober.probe(t);
      facts.put("target", t.address());
      switch (r) {
        case ProbeResult.Up u -> {
          facts.put("code", u.code());
          facts.put("rttMillis", u.rtt().toMillis());
        }
        case ProbeResult.Maintenance x -> {
          facts.put("code", x.code());
          facts.put("reason", "MAINTENANCE");
          return new Check(kind, subject, CheckState.FAIL, facts);
        }
        case ProbeResult.Failed f -> {
          if (f.code() > 0) facts.put("code", f.code());
          facts.put("reason", f.reason().name());
          return new Check(kind, subject, CheckState.FAIL, facts);
        }
      }
    }
    return new Check(kind, subject, CheckState.PASS, facts);
  }

  private ProbeTarget fallback(Machine m) {
    for (String a : m.addresses()) {
      if (a.contains("/")) continue; // a network, not a host
      try {
        return ProbeTarget.builder("recovery-" + m.id().replaceAll("[^A-Za-z0-9._-]", "-"), a)
            .component(m.id())
            .port(settings.sipPort())
            .timeout(settings.sipTimeout())
            .interval(max(settings.sipTimeout(), Duration.ofSeconds(1)))
            .build();
      } catch (ProbeConfigException e) {
        return null; // an address the prober cannot use: nothing to check
      }
    }
    return null;
  }

  /** The clients of a machine: its own, then those whose services go down with it. */
  private Set<String> clients(Machine m) {
    Set<String> out = new LinkedHashSet<>();
    if (m.client() != null && catalog.client(m.client()).isPresent()) out.add(m.client());
    out.addAll(CatalogAnalysis.impact(catalog, List.of(m.id())).clients());
    return out;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Check get(Future<Check> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("recovery check interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("recovery check failed: " + e.getCause(), e.getCause());
    }
  }
}
