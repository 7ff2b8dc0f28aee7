package dev.vigie.server.api;

import io.javalin.security.RouteRole;

/** Who may do what: viewers read, operators act, admins also manage users and tokens. */
public enum Role implements RouteRole {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean atLeast(Role other) {
    return ordinal() >= other.ordinal();
  }
}
