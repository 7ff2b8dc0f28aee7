package dev.vigie.server.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that hands on at most one line per {@link #read(char[], int, int)} and caps its length:
 * a line longer than {@code maxChars} (garbage without newlines, a runaway sender) is skipped up to
 * its newline, counted through {@code onTooLong}, and replaced by a lone {@code "} line, which
 * every CSV parser rejects as an unclosed quote. Memory is bounded by {@code maxChars} whatever the
 * peer sends. Not thread-safe (one connection, one thread).
 */
final class BoundedLineReader extends Reader {
  /** What replaces a line that was too long: an unclosed quote, a bad CSV row. */
  static final String TOO_LONG = "\"\n";

  private final Reader in;
  private final int maxChars;
  private final Runnable onTooLong;
  private final StringBuilder line = new StringBuilder();
  private String pending = "";
  private int pos;
  private boolean eof;

  BoundedLineReader(Reader in, int maxChars, Runnable onTooLong) {
    this.in = in;
    this.maxChars = maxChars;
    this.onTooLong = onTooLong;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (pos >= pending.length()) {
      if (eof) return -1;
      pending = nextLine();
      pos = 0;
    }
    int n = Math.min(len, pending.length() - pos);
    pending.getChars(pos, pos + n, cbuf, off);
    pos += n;
    return n;
  }

  /** Reads up to and including the next newline (or the end of the stream). */
  private String nextLine() throws IOException {
    line.setLength(0);
    boolean tooLong = false;
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (line.length() < maxChars) line.append((char) c);
      else tooLong = true;
    }
    if (c < 0) eof = true;
    if (tooLong) {
      onTooLong.run();
      return TOO_LONG;
    }
    if (c < 0) return line.toString();
    return line.append('\n').toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
