package dev.vigie.detect;

/**
 * Receives alerts as the engine raises them (revision 1) and updates them (revision above 1: the
 * episode escalated or its evidence grew materially). Called on the engine's thread; keep it short
 * or hand the alert to another thread.
 */
@FunctionalInterface
public interface AlertListener {
  void onAlert(Alert alert);

  AlertListener NONE = a -> {};
}
