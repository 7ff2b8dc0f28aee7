package dev.vigie.server.web;

import dev.vigie.contain.Outcome;
import java.time.Duration;

/** Lengthens an active isolation (the server's containment stage provides it). */
@FunctionalInterface
public interface Extender {
  Outcome extend(String id, Duration extra, String operator);
}
