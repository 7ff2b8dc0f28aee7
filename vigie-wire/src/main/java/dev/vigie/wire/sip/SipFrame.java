package dev.vigie.wire.sip;

/**
 * What {@link SipFramer#frame} makes of some bytes: a framed {@link SipMessage}, or {@link Bad}
 * with the reason it is not one. Decoders never throw on bad input.
 */
public sealed interface SipFrame permits SipMessage, SipFrame.Bad {

  /** Bytes that are not a SIP message, with a short reason naming what is wrong. */
  record Bad(String reason) implements SipFrame {}
}
