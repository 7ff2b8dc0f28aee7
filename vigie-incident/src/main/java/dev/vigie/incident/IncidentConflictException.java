package dev.vigie.incident;

/**
 * Optimistic-locking failure: the caller edited a version that another operator has changed since.
 * Nothing was written; the caller reloads and retries.
 */
public final class IncidentConflictException extends IncidentException {
  private final long expectedVersion;
  private final long actualVersion;

  public IncidentConflictException(String what, long expectedVersion, long actualVersion) {
    super(
        what
            + " was changed by someone else (you edited version "
            + expectedVersion
            + ", it is now at version "
            + actualVersion
            + "); reload and apply your change again",
        null);
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
