package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;
import dev.vigie.wire.SipEvent;

/**
 * Receives what a {@link CaptureDecoder} finds, in capture order, on the caller's thread. An event
 * may be kept: its message owns its bytes (or refers to the caller's in-memory array).
 */
@FunctionalInterface
public interface SipSink {
  /** One SIP message. */
  void onSip(SipEvent event);

  /** Bytes that should have been SIP, HEP or IP and were not (counted in the summary anyway). */
  default void onMalformed(Malformed malformed) {}
}
