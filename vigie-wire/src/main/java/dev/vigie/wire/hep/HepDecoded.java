package dev.vigie.wire.hep;

import dev.vigie.wire.Malformed;

/** What {@link HepDecoder#decode} makes of some bytes: a {@link HepPacket} or the reason not. */
public sealed interface HepDecoded permits HepPacket, HepDecoded.Bad {
  /** Bytes that are not a valid HEP packet. */
  record Bad(Malformed malformed) implements HepDecoded {}
}
