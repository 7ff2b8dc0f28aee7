package dev.vigie.detect;

/**
 * Receives alerts as the engine raises them (revision 1) and updates them (revision above 1: the
 * episode escalated or its evidence grew materially). Called on the engine's thread; keep it short
 * or hand the alert to another thread.
 */
@FunctionalInterface
public interface AlertListener {
  void onAlert(Alert alert);

  /**
   * An episode that closed because its signal recovered (SERVICE_DEGRADED): {@code alert} is its
   * final revision, whose evidence says when it recovered and how long the service was degraded.
   */
  default void onResolved(Alert alert) {}

  AlertListener NONE = a -> {};
}
