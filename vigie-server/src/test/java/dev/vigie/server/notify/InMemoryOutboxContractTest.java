package dev.vigie.server.notify;

import dev.vigie.incident.notify.InMemoryOutbox;
import dev.vigie.incident.notify.Outbox;

/** The reference implementation passes the same contract (so the contract is the domain's). */
class InMemoryOutboxContractTest extends OutboxContract {
  @Override
  Outbox outbox() {
    return new InMemoryOutbox();
  }
}
