package dev.vigie.incident.store;

import java.time.InstantSource;

/** The store contract on the in-memory store. */
class InMemoryIncidentStoreTest extends IncidentStoreContract {
  @Override
  protected IncidentStore newStore(InstantSource clock) {
    return new InMemoryIncidentStore(clock);
  }
}
