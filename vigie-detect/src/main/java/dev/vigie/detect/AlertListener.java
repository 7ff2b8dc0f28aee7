package dev.vigie.detect;

import java.util.function.Consumer;

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

  /**
   * A listener handing raised and updated revisions to {@code onAlert}, closing ones to {@code
   * onResolved}.
   */
  static AlertListener of(Consumer<Alert> onAlert, Consumer<Alert> onResolved) {
    return new AlertListener() {
      @Override
      public void onAlert(Alert alert) {
        onAlert.accept(alert);
      }

      @Override
      public void onResolved(Alert alert) {
        onResolved.accept(alert);
      }
    };
  }
}
