package dev.vigie.server.api;

import io.javalin.config.RoutesConfig;

/** A group of REST routes under {@code /api/v1}, registered by {@link WebApp}. */
public interface ApiRoutes {
  void register(RoutesConfig routes);
}
