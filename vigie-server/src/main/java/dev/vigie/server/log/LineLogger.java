package dev.vigie.server.log;

import java.io.PrintStream;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One line per event on standard error (the journal under systemd), as text or JSON ({@link
 * LogSettings}). Line breaks inside a message or a stack trace are escaped, so a log line can never
 * be split or forged by text that came from the network.
 */
final class LineLogger extends LegacyAbstractLogger {
  private static final int MAX_FRAMES = 8;

  LineLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return LogSettings.enabled(name, Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LogSettings.enabled(name, Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LogSettings.enabled(name, Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LogSettings.enabled(name, Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LogSettings.enabled(name, Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    String msg = MessageFormatter.basicArrayFormat(pattern, args);
    PrintStream err = System.err;
    err.println(line(Instant.now(), level, Thread.currentThread().getName(), name, msg, t));
  }

  static String line(
      Instant at, Level level, String thread, String logger, String msg, Throwable t) {
    String error = t == null ? null : trace(t);
    StringBuilder b = new StringBuilder(160);
    if (LogSettings.format() == LogSettings.Format.JSON) {
      b.append("{\"ts\":\"").append(at).append("\",\"level\":\"").append(level).append('"');
      b.append(",\"logger\":");
      json(b, logger);
      b.append(",\"thread\":");
      json(b, thread);
      b.append(",\"msg\":");
      json(b, msg == null ? "" : msg);
      if (error != null) {
        b.append(",\"error\":");
        json(b, error);
      }
      return b.append('}').toString();
    }
    b.append(at).append(' ').append(level);
    for (int i = level.toString().length(); i < 5; i++) b.append(' ');
    b.append(" [").append(text(thread)).append("] ").append(shortName(logger)).append(" - ");
    b.append(text(msg == null ? "" : msg));
    if (error != null) b.append(" | ").append(text(error));
    return b.toString();
  }

  /** The exception, its causes and their first frames, with " <- " between causes. */
  private static String trace(Throwable t) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
      if (depth > 0) b.append(" <- caused by ");
      b.append(c);
      StackTraceElement[] st = c.getStackTrace();
      for (int i = 0; i < Math.min(MAX_FRAMES, st.length); i++) b.append(" at ").append(st[i]);
      if (st.length > MAX_FRAMES) b.append(" ...");
    }
    return b.toString();
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }

  /** Control characters (CR, LF, ESC...) escaped: the line stays one line. */
  private static String text(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
        switch (c) {
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> b.append(String.format("\\x%02x", (int) c));
        }
      } else if (b != null) b.append(c);
    }
    return b == null ? s : b.toString();
  }

  private static void json(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029)
            b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }
}
