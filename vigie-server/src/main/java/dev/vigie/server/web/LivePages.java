package dev.vigie.server.web;

import dev.vigie.contain.ContainmentService;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.Outcome;
import dev.vigie.contain.Reason;
import dev.vigie.detect.Alert;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.server.i18n.Texts;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live view (traffic, alerts, isolations and their buttons), the thresholds editor and the
 * catalogue page. Fragments ({@code /console/fragments/...}) are what htmx swaps in when the live
 * events say something changed.
 */
final class LivePages {
  private static final int ALERTS = 30;
  private final Renderer r;
  private final ConsoleServices s;

  LivePages(Renderer r, ConsoleServices s) {
    this.r = r;
    this.s = s;
  }

  void dashboard(Context ctx) {
    View v = nav(ctx, "live");
    Map<String, Object> m = new LinkedHashMap<>();
    m.putAll(trafficModel());
    m.putAll(alertsModel());
    m.putAll(isolationsModel(v, null, false));
    r.html(ctx, "dashboard.jte", v, m);
  }

  void trafficFragment(Context ctx) {
    r.html(ctx, "traffic.jte", ConsoleAuth.view(ctx), trafficModel());
  }

  void alertsFragment(Context ctx) {
    r.html(ctx, "alerts.jte", ConsoleAuth.view(ctx), alertsModel());
  }

  void isolationsFragment(Context ctx) {
    r.html(
        ctx,
        "isolations.jte",
        ConsoleAuth.view(ctx),
        isolationsModel(ConsoleAuth.view(ctx), null, false));
  }

  private Map<String, Object> trafficModel() {
    List<TrafficRow> rows = new ArrayList<>();
    for (TrafficSampler.Series x : s.traffic().snapshot()) {
      rows.add(
          new TrafficRow(
              x.machine(),
              x.lastIn(),
              x.lastOut(),
              x.peak(),
              Svg.sparkline(x.in(), x.out(), 220, 36)));
    }
    return Map.of("traffic", rows);
  }

  private Map<String, Object> alertsModel() {
    List<Alert> alerts = s.alerts().recent(ALERTS, null);
    return Map.of("alerts", alerts);
  }

  /**
   * For each pending or active machine isolation, the sentence the operator confirms before
   * approving or lifting it: what the catalogue says goes down with the machine (services,
   * clients). Texts in French: the confirmation is rendered in the console's language by {@link
   * Texts}.
   */
  private Map<String, String> confirms(ContainmentService c, View v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c == null) return out;
    List<Isolation> all = new ArrayList<>(c.pending());
    all.addAll(c.active());
    for (Isolation i : all) {
      if (!(i.target() instanceof dev.vigie.contain.Target.Machine mt)) continue;
      var impact =
          s.catalog() == null
              ? null
              : s.catalog().impacts().stream()
                  .filter(x -> x.component().equals(mt.id()))
                  .findFirst()
                  .orElse(null);
      out.put(
          i.id(), impact == null ? mt.id() : impactText(mt.id(), impact, clientLabels(names(), v)));
    }
    return out;
  }

  private static String impactText(
      String machine, dev.vigie.catalog.analysis.ComponentImpact x, Map<String, String> names) {
    return machine
        + " — "
        + String.join(", ", x.servicesDown().stream().map(n -> names.getOrDefault(n, n)).toList())
        + (x.clients().isEmpty()
            ? ""
            : " — "
                + String.join(
                    ", ", x.clients().stream().map(n -> names.getOrDefault(n, n)).toList()));
  }

  /** Client ids to "Name (N users)" when the catalogue gives users, else the name. */
  private Map<String, String> clientLabels(Map<String, String> names, View v) {
    Map<String, String> out = new java.util.HashMap<>(names);
    if (s.catalogModel() == null) return out;
    for (var c : s.catalogModel().clients()) {
      String name = c.name() == null ? c.id() : c.name();
      out.put(c.id(), c.users() > 0 ? v.t().t("iso.users", name, c.users()) : name);
    }
    return out;
  }

  /** Catalogue ids to the names people read (services, clients...). */
  private Map<String, String> names() {
    Map<String, String> out = new java.util.HashMap<>();
    for (var n : s.catalog().graph().nodes()) if (n.name() != null) out.put(n.id(), n.name());
    return out;
  }

  /**
   * The isolations the signed-in operator put in force less than {@link #UNDO} ago, with the
   * seconds left to undo them (a release without the confirmation): live refreshes keep the offer
   * until its time is up.
   */
  private Map<String, Long> undoable(ContainmentService c, View v) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (c == null || v == null || v.user() == null) return out;
    Instant now = s.clock().instant();
    for (Isolation i : c.active()) {
      if (i.activated() == null || !v.user().name().equals(i.actor())) continue;
      long left = UNDO.minus(Duration.between(i.activated(), now)).toSeconds();
      if (left > 0 && left <= UNDO.toSeconds()) out.put(i.id(), left);
    }
    return out;
  }

  static final Duration UNDO = Duration.ofSeconds(10);

  /** Rows in a fixed order (oldest first, then id), so that nothing moves under the mouse. */
  private static List<Isolation> stable(List<Isolation> list) {
    List<Isolation> out = new ArrayList<>(list);
    out.sort(
        java.util.Comparator.comparing(
                Isolation::created,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(Isolation::id));
    return out;
  }

  private Map<String, Object> isolationsModel(View v, String notice, boolean error) {
    ContainmentService c = s.containment();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", c != null);
    m.put("pending", c == null ? List.of() : stable(c.pending()));
    m.put("active", c == null ? List.of() : stable(c.active()));
    m.put("canExtend", s.extender() != null);
    m.put("confirms", confirms(c, v));
    m.put("undo", undoable(c, v));
    m.put("now", s.clock().instant());
    m.put("notice", notice == null ? "" : notice);
    m.put("noticeError", error);
    return m;
  }

  void approve(Context ctx) {
    act(ctx, c -> c.approve(ctx.pathParam("id"), user(ctx)));
  }

  void release(Context ctx) {
    act(ctx, c -> c.release(ctx.pathParam("id"), user(ctx)));
  }

  void extend(Context ctx) {
    if (s.extender() == null) throw new ConsoleAuth.Refusal(404, "extension is not available");
    long minutes = longParam(ctx, "minutes", 60, 1, 7 * 24 * 60);
    act(ctx, c -> s.extender().extend(ctx.pathParam("id"), Duration.ofMinutes(minutes), user(ctx)));
  }

  private interface Action {
    Outcome run(ContainmentService c);
  }

  private void act(Context ctx, Action a) {
    ContainmentService c = s.containment();
    if (c == null) throw new ConsoleAuth.Refusal(404, "containment is not configured");
    Outcome o = a.run(c);
    View v = ConsoleAuth.view(ctx);
    boolean ok =
        switch (o.reason()) {
          case APPROVED, RELEASED, ISOLATE, DRY_RUN -> true;
          default -> o.isolation() != null && o.reason() != Reason.ACTUATOR_FAILED;
        };
    String notice = v.t().e("reason", o.reason()) + (o.detail() == null ? "" : " — " + o.detail());
    if (ctx.header("HX-Request") == null) {
      ctx.redirect("/console");
      return;
    }
    r.html(ctx, "isolations.jte", v, isolationsModel(v, notice, !ok));
  }

  void thresholds(Context ctx) {
    View v = nav(ctx, "thresholds");
    Map<String, Object> view = s.thresholds().view();
    @SuppressWarnings("unchecked")
    Map<String, Object> machines = (Map<String, Object>) view.get("machines");
    String selected = q(ctx, "machine").isEmpty() ? q(ctx, "done") : q(ctx, "machine");
    if (!machines.containsKey(selected)) {
      selected = machines.isEmpty() ? "" : machines.keySet().iterator().next();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("view", view);
    m.put("done", q(ctx, "done"));
    m.put("selected", selected);
    m.put("current", selected.isEmpty() ? Map.of() : s.thresholds().current(selected));
    m.put(
        "raiseConfirm",
        selected.isEmpty()
            ? ""
            : v.t()
                .t(
                    "thr.raiseConfirmChanges",
                    selected,
                    changeList(v, raiseChanges(view, selected))));
    r.html(ctx, "thresholds.jte", v, m);
  }

  /**
   * What a change does, one threshold a line: {@code – machineRequestsPerSecond 60/120 → 120/240}
   * (only the thresholds whose levels differ from the machine's effective ones).
   */
  @SuppressWarnings("unchecked")
  private static String changeList(View v, Map<String, Object> changes) {
    StringBuilder b = new StringBuilder();
    for (var e : changes.entrySet()) {
      Map<String, Object> after = (Map<String, Object>) e.getValue();
      Map<String, Object> before = (Map<String, Object>) after.get("before");
      b.append("\n– ")
          .append(e.getKey())
          .append(' ')
          .append(v.t().num(((Number) before.get("warning")).doubleValue()))
          .append('/')
          .append(v.t().num(((Number) before.get("critical")).doubleValue()))
          .append(" → ")
          .append(v.t().num(((Number) after.get("warning")).doubleValue()))
          .append('/')
          .append(v.t().num(((Number) after.get("critical")).doubleValue()));
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  void saveThresholds(Context ctx) {
    String machine = machine(ctx);
    Map<String, Object> changes = new LinkedHashMap<>();
    Map<String, Object> defaults = (Map<String, Object>) s.thresholds().view().get("defaults");
    for (String key : defaults.keySet()) {
      String w = ctx.formParam(key + ".warning");
      String c = ctx.formParam(key + ".critical");
      if (w == null || c == null || w.isBlank() && c.isBlank()) continue;
      changes.put(
          key,
          Map.of("warning", number(key + ".warning", w), "critical", number(key + ".critical", c)));
    }
    s.thresholds().change(machine, changes, user(ctx));
    ctx.redirect("/console/thresholds?done=" + (machine == null ? "*" : machine));
  }

  /**
   * The seed's "increase the blocking values" in one click: every effective volume or rate level of
   * the machine times 2 (percentages are left alone), audited through ThresholdService.
   */
  void raiseThresholds(Context ctx) {
    String machine = machine(ctx);
    Map<String, Object> changes = new LinkedHashMap<>();
    raiseChanges(s.thresholds().view(), machine)
        .forEach((k, l) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> level = (Map<String, Object>) l;
          changes.put(
              k, Map.of("warning", level.get("warning"), "critical", level.get("critical")));
        });
    s.thresholds().change(machine, changes, user(ctx) + " (raise x2)");
    ctx.redirect("/console/thresholds?done=" + (machine == null ? "*" : machine));
  }

  /**
   * "Raise ×2" of {@code machine} (null: the defaults): threshold key to {@code {warning, critical,
   * before: {warning, critical}}}, every effective volume or rate level times 2; percentages and
   * toll-fraud limits are left alone.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> raiseChanges(Map<String, Object> view, String machine) {
    Map<String, Map<String, Object>> defaults =
        (Map<String, Map<String, Object>>) view.get("defaults");
    Map<String, Map<String, Object>> own =
        machine == null
            ? Map.of()
            : (Map<String, Map<String, Object>>)
                ((Map<String, Object>) view.get("machines")).getOrDefault(machine, Map.of());
    Map<String, Object> changes = new LinkedHashMap<>();
    for (var e : defaults.entrySet()) {
      if (e.getKey().endsWith("Percent"))
        continue; // a share, not a volume: doubling is meaningless
      if (Threshold.byKey(e.getKey()).map(LivePages::tollFraud).orElse(true))
        continue; // a busy day is no reason to let more fraud through
      Map<String, Object> level = own.getOrDefault(e.getKey(), e.getValue());
      double w = ((Number) level.get("warning")).doubleValue();
      double c = ((Number) level.get("critical")).doubleValue();
      changes.put(
          e.getKey(),
          Map.of(
              "warning", w * 2, "critical", c * 2, "before", Map.of("warning", w, "critical", c)));
    }
    return changes;
  }

  /** Toll-fraud limits: per extension, not traffic volume; "raise" leaves them alone. */
  private static boolean tollFraud(Threshold t) {
    return switch (t) {
      case CALLS_PER_MINUTE, CONCURRENT_CALLS, SEQUENTIAL_CALLS, PREMIUM_CALLS_PER_MINUTE -> true;
      default -> false;
    };
  }

  void catalog(Context ctx) {
    View v = nav(ctx, "catalog");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysis", s.catalog());
    m.put(
        "graph",
        s.catalog() == null ? "" : GraphSvg.draw(s.catalog().graph(), v.t().t("cat.graph")));
    String component = ctx.queryParam("component");
    m.put(
        "impact",
        s.catalog() == null || component == null
            ? null
            : s.catalog().impacts().stream()
                .filter(x -> x.component().equals(component))
                .findFirst()
                .orElse(null));
    r.html(ctx, "catalog.jte", v, m);
  }

  static View nav(Context ctx, String nav) {
    View v = ConsoleAuth.view(ctx);
    return new View(v.user(), v.csrf(), v.t(), nav, null, false);
  }

  static String user(Context ctx) {
    return ConsoleAuth.view(ctx).user().name();
  }

  static String q(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? "" : v;
  }

  private static String machine(Context ctx) {
    String m = ctx.pathParam("machine");
    return m.equals("*") || m.equals("defaults") ? null : m;
  }

  private static double number(String field, String text) {
    try {
      double d = Double.parseDouble(text.strip().replace(',', '.'));
      if (d <= 0 || Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(400, field + ": '" + text + "' is not a positive number");
    }
  }

  static long longParam(Context ctx, String name, long dflt, long min, long max) {
    String t = ctx.formParam(name);
    if (t == null || t.isBlank()) return dflt;
    try {
      long n = Long.parseLong(t.strip());
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new ConsoleAuth.Refusal(
          400, name + ": '" + t + "' must be an integer in [" + min + ", " + max + "]");
    }
  }

  static List<Isolation> none() {
    return List.of();
  }
}
