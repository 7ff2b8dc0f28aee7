package dev.vigie.server.web;

import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Texts;

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

  /**
   * A stable element id for a live-refreshed row ({@code prefix-<text>-<hash>}): the same row keeps
   * the same id across refreshes, so that the morphing swap (idiomorph) updates that element in
   * place (focus, open details and typed text stay). Only {@code [A-Za-z0-9_-]} are kept from the
   * text (it may come from the network); the hash of the whole text keeps two keys apart.
   */
  public static String domId(String prefix, String text) {
    String raw = text == null ? "" : text;
    StringBuilder b = new StringBuilder(prefix).append('-');
    for (int i = 0; i < raw.length() && b.length() < 64; i++) {
      char c = raw.charAt(i);
      b.append(
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
              ? c
              : '_');
    }
    return b.append('-').append(Integer.toHexString(raw.hashCode())).toString();
  }
}
