package dev.vigie.server.web;

import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * User management (admin role): list, create, change role or password, delete; and the audit trail
 * (every role may read it). The last admin can neither be demoted nor deleted; a role or password
 * change ends that user's sessions.
 */
final class AdminPages {
  private final Renderer r;
  private final ConsoleServices s;
  private final UserStore users;
  private final SessionStore sessions;

  AdminPages(Renderer r, ConsoleServices s, UserStore users, SessionStore sessions) {
    this.r = r;
    this.s = s;
    this.users = users;
    this.sessions = sessions;
  }

  void users(Context ctx) {
    View v = LivePages.nav(ctx, "users");
    r.html(
        ctx,
        "users.jte",
        v,
        Map.of(
            "users",
            users.list(),
            "roles",
            List.of(Role.values()),
            "done",
            LivePages.q(ctx, "done")));
  }

  void create(Context ctx) {
    String name = ctx.formParam("name");
    users.create(
        name,
        ctx.formParam("password"),
        role(ctx.formParam("role")),
        Lang.parse(ctx.formParam("lang")),
        s.clock().instant());
    s.audit()
        .record(
            s.clock().instant(),
            LivePages.user(ctx),
            "USER_CREATED",
            name,
            null,
            ctx.formParam("role"));
    ctx.redirect("/console/admin/users?done=created");
  }

  void update(Context ctx) {
    String name = ctx.pathParam("name");
    String roleText = ctx.formParam("role");
    String password = ctx.formParam("password");
    if (roleText != null && !roleText.isBlank()) {
      Role role = role(roleText);
      User u =
          users
              .find(name)
              .orElseThrow(() -> new ConsoleAuth.Refusal(404, "no user '" + name + "'"));
      if (u.role() == Role.ADMIN && role != Role.ADMIN && users.admins() == 1) {
        throw new ConsoleAuth.Refusal(409, "the last admin cannot be demoted");
      }
      users.setRole(name, role);
      sessions.closeAll(name);
      s.audit()
          .record(
              s.clock().instant(),
              LivePages.user(ctx),
              "USER_ROLE_CHANGED",
              name,
              null,
              role.name());
    }
    if (password != null && !password.isBlank()) {
      users.setPassword(name, password);
      sessions.closeAll(name);
      s.audit()
          .record(s.clock().instant(), LivePages.user(ctx), "USER_PASSWORD_SET", name, null, null);
    }
    ctx.redirect("/console/admin/users?done=updated");
  }

  void delete(Context ctx) {
    String name = ctx.pathParam("name");
    User u =
        users.find(name).orElseThrow(() -> new ConsoleAuth.Refusal(404, "no user '" + name + "'"));
    if (u.role() == Role.ADMIN && users.admins() == 1) {
      throw new ConsoleAuth.Refusal(409, "the last admin cannot be deleted");
    }
    users.delete(name);
    s.audit().record(s.clock().instant(), LivePages.user(ctx), "USER_DELETED", name, null, null);
    ctx.redirect("/console/admin/users?done=deleted");
  }

  void audit(Context ctx) {
    View v = LivePages.nav(ctx, "audit");
    r.html(ctx, "audit.jte", v, Map.of("rows", s.audit().recent(200)));
  }

  private static Role role(String v) {
    try {
      return Role.valueOf(v == null ? "" : v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConsoleAuth.Refusal(400, "role: '" + v + "' must be viewer, operator or admin");
    }
  }
}
