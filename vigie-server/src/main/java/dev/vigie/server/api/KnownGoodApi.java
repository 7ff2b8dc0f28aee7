package dev.vigie.server.api;

import dev.vigie.contain.trust.KnownGoodAddress;
import dev.vigie.server.contain.ContainmentModule;
import dev.vigie.server.contain.KnownGoodStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /known-good}: the addresses where phones registered successfully within the learning
 * window, never blocked automatically, most recently seen first ({@code limit}, default 500).
 */
public final class KnownGoodApi implements ApiRoutes {
  private final ContainmentModule containment;

  public KnownGoodApi(ContainmentModule containment) {
    this.containment = containment;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/known-good", this::list);
  }

  private void list(Context ctx) {
    int limit = DetectionApi.intParam(ctx, "limit", 500, 1, 100_000);
    KnownGoodStore store = containment.knownGood();
    List<KnownGoodAddress> all = store == null ? List.of() : store.all();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("days", containment.settings().contain().trust().knownGoodDays());
    m.put("total", all.size());
    m.put("knownGood", all.stream().limit(limit).map(KnownGoodApi::toMap).toList());
    ctx.json(m);
  }

  static Map<String, Object> toMap(KnownGoodAddress k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", k.address());
    m.put("client", k.client());
    m.put("machine", k.machine());
    m.put("registrations", k.registrations());
    m.put("days", k.days());
    m.put("lastSeen", k.lastSeen().toString());
    return m;
  }
}
