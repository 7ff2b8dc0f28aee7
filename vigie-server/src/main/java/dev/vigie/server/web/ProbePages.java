package dev.vigie.server.web;

import dev.vigie.server.probe.ProbeModule;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The probes page: every SIP probe with its status and round-trip time, and the "check every client
 * proxy now" button (the seed's 10h15-10h45 step in one click): every target probed at once, the
 * checklist shown, the action audited.
 */
final class ProbePages {
  private final Renderer r;
  private final ConsoleServices s;

  ProbePages(Renderer r, ConsoleServices s) {
    this.r = r;
    this.s = s;
  }

  void page(Context ctx) {
    render(ctx, null);
  }

  void checkAll(Context ctx) {
    ProbeModule probes = s.probes();
    if (probes == null || probes.isEmpty()) {
      render(ctx, null);
      return;
    }
    Map<String, Object> checklist = ProbeModule.checklist(probes.checkAll(t -> true));
    s.audit()
        .record(
            s.clock().instant(),
            LivePages.user(ctx),
            "PROBES_CHECKED",
            "all",
            null,
            checklist.get("up")
                + " up, "
                + checklist.get("maintenance")
                + " maintenance, "
                + checklist.get("failed")
                + " failed in "
                + checklist.get("tookMillis")
                + " ms");
    render(ctx, checklist);
  }

  /**
   * The known-good addresses (phones registered successfully from them): never blocked
   * automatically. Read-only; the words and the evidence line come from the bundles.
   */
  void knownGood(Context ctx) {
    View v = LivePages.nav(ctx, "knowngood");
    var store = s.knownGood();
    Map<String, Object> m = new HashMap<>();
    m.put("entries", store == null ? List.of() : store.all().stream().limit(1000).toList());
    m.put("days", store == null ? 7 : store.days());
    r.html(ctx, "knowngood.jte", v, m);
  }

  @SuppressWarnings("unchecked")
  private void render(Context ctx, Map<String, Object> checklist) {
    View v = LivePages.nav(ctx, "probes");
    ProbeModule probes = s.probes();
    Map<String, Object> m = new HashMap<>();
    m.put("configured", probes != null && !probes.isEmpty());
    m.put(
        "probes",
        probes == null ? List.of() : (List<Map<String, Object>>) probes.view().get("probes"));
    m.put("checklist", checklist);
    r.html(ctx, "probes.jte", v, m);
  }
}
