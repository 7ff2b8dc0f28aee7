package dev.vigie.server.web;

import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;

/** A console user as the pages see it (never the password hash). */
public record User(String name, Role role, Lang language) {}
