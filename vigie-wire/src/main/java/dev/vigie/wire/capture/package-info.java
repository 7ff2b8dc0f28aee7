/**
 * Capture files in, SIP events out: the entry points of {@code vigie analyze}.
 *
 * <ul>
 *   <li>{@link dev.vigie.wire.capture.CaptureDecoder#read(java.nio.file.Path,
 *       dev.vigie.wire.capture.SipSink)} reads one file (pcap, pcapng, a HEP packet or HEP3 stream,
 *       SIP text; recognised by {@link dev.vigie.wire.capture.CaptureFormat#detect}), streams its
 *       packets through the whole decode path, and returns a {@link
 *       dev.vigie.wire.capture.CaptureSummary}: counts, first/last packet time, truncated flag, and
 *       a one-line error naming the file when it could not be read. It never throws.
 *   <li>{@link dev.vigie.wire.capture.CaptureDecoder#read(byte[], dev.vigie.wire.capture.SipSink)}
 *       does the same from memory, framing in place (for benchmarks and tests).
 *   <li>{@link dev.vigie.wire.capture.PacketHandler} and {@link dev.vigie.wire.capture.ByteWindow}
 *       are the lower level: the readers hand each record (link type, timestamp in microseconds,
 *       bytes) to a handler; {@code CaptureDecoder} is one.
 * </ul>
 *
 * Supported: pcap with microsecond or nanosecond magic in either byte order; pcapng sections in
 * either byte order, several interfaces each with its own link type and {@code if_tsresol} / {@code
 * if_tsoffset}, enhanced, simple and obsolete packet blocks, unknown blocks skipped. Link types:
 * see {@link dev.vigie.wire.net.LinkLayer}.
 *
 * <p>Threading: a decoder and its readers belong to one thread; decode several files in parallel
 * with one decoder each.
 */
package dev.vigie.wire.capture;
