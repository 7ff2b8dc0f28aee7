package dev.vigie.server.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** GreenMail on 127.0.0.1 at a port the test keeps, and the seed configuration pointing at it. */
public final class Mail {
  public static final Path FIXED = Path.of("../examples/seed-platform-fixed.yaml");
  public static final String STATUS = "https://status.exemple-telecom.fr/status";
  public static final String BACKUP = "+33 6 39 98 00 10";

  private Mail() {}

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GreenMail start(int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(5000);
    GreenMail g = new GreenMail(setup);
    g.start();
    return g;
  }

  /** The seed platform with its backup number, notifications through 127.0.0.1:port. */
  public static String config(int smtpPort) throws IOException {
    return Files.readString(FIXED)
        + "\ncompany: {name: Exemple Télécom}\n"
        + "notifications:\n"
        + "  statusPageUrl: "
        + STATUS
        + "\n  tickInterval: 200ms\n"
        + "  retry: {initialDelay: 1s, maxDelay: 2s, maxAttempts: 50}\n"
        + "  smtp:\n"
        + "    host: 127.0.0.1\n"
        + "    port: "
        + smtpPort
        + "\n    security: NONE\n"
        + "    from: supervision@exemple-telecom.fr\n"
        + "    fromName: Exemple Télécom – Supervision\n"
        + "    connectTimeout: 1s\n"
        + "    readTimeout: 3s\n";
  }

  public static String to(MimeMessage m) {
    try {
      return String.join(
          ",",
          java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
              .map(Object::toString)
              .toList());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String raw(MimeMessage m) {
    return GreenMailUtil.getWholeMessage(m);
  }

  public static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
