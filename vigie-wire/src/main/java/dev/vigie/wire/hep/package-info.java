/**
 * HEP (Homer Encapsulation Protocol) v1, v2 and v3.
 *
 * <ul>
 *   <li>{@link dev.vigie.wire.hep.HepDecoder#decode(byte[], int, int)} gives a {@link
 *       dev.vigie.wire.hep.HepPacket} or the reason the bytes are not HEP; {@link
 *       dev.vigie.wire.hep.HepDecoder#decodeInto} fills a reused {@link
 *       dev.vigie.wire.hep.HepFields} without allocating.
 *   <li>{@link dev.vigie.wire.hep.HepSip#decode(byte[], int, int, long)} is the entry point of a
 *       live HEP listener: one datagram (or one packet framed from a TCP stream by {@link
 *       dev.vigie.wire.hep.HepStreamFramer}) to a {@link dev.vigie.wire.SipEvent}, an ignored
 *       keep-alive, or a malformed reason.
 *   <li>{@link dev.vigie.wire.hep.HepEncoder} writes v3 (for {@code vigie replay}) and v1/v2.
 * </ul>
 */
package dev.vigie.wire.hep;
