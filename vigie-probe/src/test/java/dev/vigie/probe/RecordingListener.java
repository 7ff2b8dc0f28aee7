package dev.vigie.probe;

import dev.vigie.probe.status.ComponentStatusListener;
import dev.vigie.probe.status.StatusChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every status change it is told about, in order. */
final class RecordingListener implements ComponentStatusListener {
  final List<StatusChange> changes = new CopyOnWriteArrayList<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void onDown(StatusChange c) {
    changes.add(c);
    calls.add("down " + c.target().id());
  }

  @Override
  public void onUp(StatusChange c) {
    changes.add(c);
    calls.add("up " + c.target().id());
  }

  @Override
  public void onMaintenance(StatusChange c) {
    changes.add(c);
    calls.add("maintenance " + c.target().id());
  }

  StatusChange last() {
    return changes.get(changes.size() - 1);
  }
}
