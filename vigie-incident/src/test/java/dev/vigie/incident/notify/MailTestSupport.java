package dev.vigie.incident.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** GreenMail on 127.0.0.1 at a port the test keeps (to restart it there), and worker wiring. */
final class MailTestSupport {
  static final String FROM = "supervision@exemple-telecom.fr";

  private MailTestSupport() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started GreenMail SMTP server on {@code 127.0.0.1:port}. */
  static GreenMail greenMail(int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(5000);
    GreenMail greenMail = new GreenMail(setup);
    greenMail.start();
    return greenMail;
  }

  /** Plain SMTP to 127.0.0.1, short timeouts. */
  static SmtpSettings.Builder settings(int port) {
    return SmtpSettings.builder(FROM)
        .server("127.0.0.1", port)
        .security(SmtpSettings.Security.NONE)
        .fromName("Exemple Télécom – Supervision")
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** Records every listener callback. */
  static final class Recorder implements OutboxWorker.Listener {
    final List<Notification> sent = new ArrayList<>();
    final List<Notification> retried = new ArrayList<>();
    final List<Notification> failed = new ArrayList<>();

    @Override
    public void onSent(Notification notification) {
      sent.add(notification);
    }

    @Override
    public void onRetry(Notification notification) {
      retried.add(notification);
    }

    @Override
    public void onPermanentFailure(Notification notification) {
      failed.add(notification);
    }
  }

  static OutboxWorker worker(
      Outbox outbox, MailSender sender, TestClock clock, RetryPolicy policy, Recorder recorder) {
    return new OutboxWorker(outbox, sender, clock, policy, new SplittableRandom(42), recorder, 50);
  }
}
