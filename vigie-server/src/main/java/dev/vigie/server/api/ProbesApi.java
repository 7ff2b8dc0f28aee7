package dev.vigie.server.api;

import dev.vigie.probe.ProbeTarget;
import dev.vigie.server.probe.ProbeModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /probes} (statuses, last results, RTT) and {@code POST /probes/check} ("check every
 * client proxy now": probes every target, or those of {@code ?component=ID}, in parallel and
 * answers the checklist).
 */
public final class ProbesApi implements ApiRoutes {
  private final ProbeModule probes;

  public ProbesApi(ProbeModule probes) {
    this.probes = probes;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/probes", ctx -> ctx.json(probes.view()));
    r.post("/api/v1/probes/check", this::check);
  }

  private void check(Context ctx) {
    List<String> comps = ctx.queryParams("component");
    Predicate<ProbeTarget> which =
        comps.isEmpty() ? t -> true : t -> comps.contains(t.componentId());
    ctx.json(ProbeModule.checklist(probes.checkAll(which)));
  }
}
