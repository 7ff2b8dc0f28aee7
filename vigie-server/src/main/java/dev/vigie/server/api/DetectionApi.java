package dev.vigie.server.api;

import dev.vigie.server.detection.ThresholdService;
import dev.vigie.server.storage.AlertStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET /alerts}, {@code GET|PUT /thresholds}. */
public final class DetectionApi implements ApiRoutes {
  private final AlertStore alerts;
  private final ThresholdService thresholds;

  public DetectionApi(AlertStore alerts, ThresholdService thresholds) {
    this.alerts = alerts;
    this.thresholds = thresholds;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/alerts", this::alerts);
    r.get("/api/v1/thresholds", ctx -> ctx.json(thresholds.view()));
    r.put("/api/v1/thresholds", this::putThresholds);
  }

  private void alerts(Context ctx) {
    int limit = intParam(ctx, "limit", 200, 1, 5000);
    Instant since = null;
    String s = ctx.queryParam("since");
    if (s != null) {
      try {
        since = Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest("since: '" + s + "' is not an ISO-8601 instant");
      }
    }
    ctx.json(Map.of("alerts", alerts.recent(limit, since).stream().map(AlertJson::of).toList()));
  }

  private void putThresholds(Context ctx) {
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    Object machine = body.get("machine");
    if (machine != null && !(machine instanceof String))
      throw ApiError.badRequest("'machine' must be a string or null");
    if (!body.containsKey("thresholds"))
      throw ApiError.badRequest("field 'thresholds' is required");
    ctx.json(
        thresholds.change((String) machine, body.get("thresholds"), WebApp.principal(ctx).name()));
  }

  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name + ": '" + v + "' must be an integer in [" + min + ", " + max + "]");
    }
  }
}
