package dev.vigie.server.api;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.analysis.CatalogAnalysis;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /catalog/analysis} (SPOFs, common causes, backup number, ranked findings, graph) and
 * {@code GET /catalog/impact?component=ID[&component=ID...]} (what goes down with them). The
 * analysis is computed once: the catalogue is immutable while Vigie runs.
 */
public final class CatalogApi implements ApiRoutes {
  private final Catalog catalog;
  private final CatalogAnalysis analysis;

  public CatalogApi(Catalog catalog) {
    this.catalog = catalog;
    this.analysis = catalog == null ? null : CatalogAnalysis.analyse(catalog);
  }

  public CatalogAnalysis analysis() {
    return analysis;
  }

  @Override
  public void register(RoutesConfig r) {
    r.get("/api/v1/catalog/analysis", ctx -> ctx.json(required()));
    r.get("/api/v1/catalog/impact", this::impact);
  }

  private void impact(Context ctx) {
    required();
    List<String> ids = ctx.queryParams("component");
    if (ids.isEmpty()) throw ApiError.badRequest("give at least one ?component=ID");
    try {
      ctx.json(CatalogAnalysis.impact(catalog, ids));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound(e.getMessage());
    }
  }

  private CatalogAnalysis required() {
    if (analysis == null) {
      throw ApiError.notFound(
          "no catalogue configured (add providers, services, numbers and clients to the configuration)");
    }
    return analysis;
  }
}
