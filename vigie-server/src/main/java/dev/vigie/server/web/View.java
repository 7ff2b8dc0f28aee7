package dev.vigie.server.web;

import dev.vigie.server.api.Role;

/**
 * What every page template gets: the signed-in user (null on the sign-in page), the session's CSRF
 * token, the words, which menu entry is current and an optional one-line notice.
 */
public record View(User user, String csrf, Texts t, String nav, String notice, boolean error) {
  public boolean can(Role role) {
    return user != null && user.role().atLeast(role);
  }

  public boolean operator() {
    return can(Role.OPERATOR);
  }

  public boolean admin() {
    return can(Role.ADMIN);
  }

  /** The hx-headers attribute value carrying the CSRF token on htmx requests. */
  public String hxHeaders() {
    return "{\"X-CSRF-Token\": \"" + csrf + "\"}";
  }

  public View withNotice(String text, boolean isError) {
    return new View(user, csrf, t, nav, text, isError);
  }
}
