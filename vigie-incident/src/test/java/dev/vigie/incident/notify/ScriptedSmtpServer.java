package dev.vigie.incident.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A minimal SMTP server on 127.0.0.1 whose RCPT replies the test chooses (GreenMail accepts every
 * recipient, so it cannot answer 550 or 450). It speaks real SMTP over a real socket to the real
 * Jakarta Mail client: greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT. One connection at a time, 5 s
 * read timeout, a daemon thread stopped by {@link #close()}.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final UnaryOperator<String> rcptReply;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread thread;

  /**
   * @param rcptReply from the recipient address to the full reply line, e.g. {@code "250 2.1.5 Ok"}
   */
  ScriptedSmtpServer(UnaryOperator<String> rcptReply) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.rcptReply = rcptReply;
    this.thread = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::serve);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages accepted after DATA. */
  int accepted() {
    return accepted.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(5000);
        converse(socket);
      } catch (IOException e) {
        // closed by the test, or the client went away: wait for the next connection
      }
    }
  }

  private void converse(Socket socket) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    reply(out, "220 scripted.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, "250-scripted.test\r\n250 8BITMIME");
      } else if (command.startsWith("RCPT TO:")) {
        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
        reply(out, rcptReply.apply(address));
      } else if (command.startsWith("DATA")) {
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        while (!".".equals(in.readLine())) {
          // the message itself is not checked here (GreenMail tests do that)
        }
        accepted.incrementAndGet();
        reply(out, "250 2.0.0 queued");
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 2.0.0 Bye");
        return;
      } else if (command.startsWith("HELO")
          || command.startsWith("MAIL FROM:")
          || command.startsWith("RSET")
          || command.startsWith("NOOP")) {
        reply(out, "250 2.0.0 Ok");
      } else {
        reply(out, "502 5.5.2 command not implemented");
      }
    }
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
