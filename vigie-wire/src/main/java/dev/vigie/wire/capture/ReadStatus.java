package dev.vigie.wire.capture;

import dev.vigie.wire.Malformed;

/**
 * How reading a capture file ended.
 *
 * @param format the format that was recognised
 * @param packets packets delivered to the handler
 * @param truncated true when the input ended inside a record or block (what was read is kept)
 * @param error why reading stopped early, or null when the whole input was read; a file that is not
 *     a capture, or a block whose length is impossible, ends here
 */
public record ReadStatus(CaptureFormat format, long packets, boolean truncated, Malformed error) {}
