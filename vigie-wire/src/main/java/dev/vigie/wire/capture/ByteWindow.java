package dev.vigie.wire.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over the bytes of a capture: either a whole array held in memory (nothing is
 * ever moved, so offsets into it stay valid for ever: {@link #stable()}), or a refillable buffer
 * over a channel (the buffer is compacted when refilled, so offsets are only valid until the next
 * {@link #ensure}). Readers look at {@code buf[pos, limit)} and advance {@link #pos}.
 *
 * <p>Streaming keeps memory bounded: the buffer starts at {@code initialSize} and grows only to
 * hold one block larger than it, up to {@link #MAX_BLOCK}. Not thread-safe.
 */
public final class ByteWindow {
  /** The largest single record or block a window will hold (bigger ones are malformed). */
  public static final int MAX_BLOCK = 64 * 1024 * 1024;

  byte[] buf;
  int pos;
  int limit;
  private final int start;
  private final ReadableByteChannel channel;
  private long consumed; // bytes discarded before buf[0] (streaming) or start offset
  private boolean eof;
  private boolean cut;

  private final boolean keep; // streaming: bytes once read are never moved or overwritten

  private ByteWindow(byte[] buf, int pos, int limit, ReadableByteChannel channel, boolean keep) {
    this.buf = buf;
    this.pos = pos;
    this.start = pos;
    this.limit = limit;
    this.channel = channel;
    this.eof = channel == null;
    this.keep = keep;
  }

  /** A window over {@code bytes[off, off+len)} held in memory; packets are framed in place. */
  public static ByteWindow of(byte[] bytes, int off, int len) {
    return new ByteWindow(bytes, off, off + len, null, false);
  }

  /** A window over the whole array. */
  public static ByteWindow of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** A streaming window reading {@code channel} through a buffer of {@code initialSize} bytes. */
  public static ByteWindow of(ReadableByteChannel channel, int initialSize) {
    return new ByteWindow(new byte[Math.max(64, initialSize)], 0, 0, channel, false);
  }

  /**
   * A streaming window whose bytes, once read, stay where they are: when the buffer is full, the
   * unread tail goes to a new buffer of the same size instead of being moved to the front of this
   * one, and later reads append after {@link #limit}. Offsets into a buffer therefore stay valid
   * for ever ({@link #stable()}), so packets can be framed in place without a copy; the price is
   * one new buffer per {@code initialSize} bytes read, and a reader that keeps a reference to a
   * packet keeps its whole buffer.
   */
  public static ByteWindow keeping(ReadableByteChannel channel, int initialSize) {
    return new ByteWindow(new byte[Math.max(64, initialSize)], 0, 0, channel, true);
  }

  /**
   * True when offsets into {@link #buf} stay valid after later reads (in-memory input, or a
   * streaming window made by {@link #keeping}).
   */
  public boolean stable() {
    return channel == null || keep;
  }

  /** True when the input stream itself ended abruptly (a cut compressed file). */
  boolean cut() {
    return cut;
  }

  /** Bytes available from {@link #pos} without reading more. */
  int available() {
    return limit - pos;
  }

  /** Offset of {@link #pos} from the start of the input, for error messages. */
  long position() {
    return consumed + pos - start;
  }

  /**
   * Makes at least {@code n} bytes available at {@link #pos}, reading (and compacting or growing
   * the buffer) as needed. May move the data: re-read {@link #pos} and {@link #buf} afterwards.
   *
   * @return false when the input ends before {@code n} bytes
   */
  boolean ensure(int n) throws IOException {
    if (limit - pos >= n) return true;
    if (eof || n > MAX_BLOCK) return false;
    if (n > buf.length) {
      byte[] bigger = new byte[Math.min(MAX_BLOCK, Math.max(n, buf.length * 2))];
      System.arraycopy(buf, pos, bigger, 0, limit - pos);
      consumed += pos;
      limit -= pos;
      pos = 0;
      buf = bigger;
    } else if (keep) {
      if (buf.length - pos < n) { // no room after pos: the unread tail starts a new buffer
        byte[] next = new byte[buf.length];
        System.arraycopy(buf, pos, next, 0, limit - pos);
        consumed += pos;
        limit -= pos;
        pos = 0;
        buf = next;
      } // else: room after limit, read there (nothing before limit is touched)
    } else if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      consumed += pos;
      limit -= pos;
      pos = 0;
    }
    ByteBuffer bb = ByteBuffer.wrap(buf);
    while (limit - pos < n) {
      bb.limit(buf.length).position(limit);
      int r;
      boolean ended = false;
      try {
        r = channel.read(bb);
      } catch (EOFException e) { // a cut gzip stream: what was inflated counts, the rest is missing
        r = bb.position() - limit;
        ended = true;
        cut = true;
      }
      if (r > 0) limit += r;
      if (r < 0 || ended) {
        eof = true;
        return limit - pos >= n;
      }
    }
    return true;
  }

  /**
   * Skips {@code n} bytes, reading past the buffer when needed.
   *
   * @return false when the input ends first
   */
  boolean skip(long n) throws IOException {
    while (n > 0) {
      int here = (int) Math.min(n, limit - pos);
      pos += here;
      n -= here;
      if (n > 0 && !ensure(1)) return false;
    }
    return true;
  }

  /** True when no byte is left. */
  boolean atEnd() throws IOException {
    return !ensure(1);
  }
}
