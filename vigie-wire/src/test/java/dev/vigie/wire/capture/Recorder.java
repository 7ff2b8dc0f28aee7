package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.SipEvent;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given. */
final class Recorder implements SipSink {
  final List<SipEvent> events = new ArrayList<>();
  final List<Malformed> malformed = new ArrayList<>();

  @Override
  public void onSip(SipEvent e) {
    events.add(e);
  }

  @Override
  public void onMalformed(Malformed m) {
    malformed.add(m);
  }
}
