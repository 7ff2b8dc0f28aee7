package dev.vigie.incident.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Classifies a Jakarta Mail failure as transient or permanent.
 *
 * <p>The chain of causes (Jakarta Mail chains a rejected recipient under a generic "Invalid
 * Addresses") is searched for the first exception that carries an SMTP reply code or a network
 * cause:
 *
 * <ul>
 *   <li>reply 5xx: permanent (550 mailbox unknown, 553 bad address, 552 too large, 554 rejected);
 *       except the authentication codes 530, 534, 535 and 538, transient and server-wide: they are
 *       a configuration problem the operator fixes, after which the message should go;
 *   <li>reply 4xx: transient (450 mailbox busy, 451 local error, 452 storage); 421 (service
 *       closing) and a rejected sender are server-wide;
 *   <li>connection refused, unknown host, no route, timeout, TLS failure, authentication failure:
 *       transient and server-wide;
 *   <li>an address that does not parse: permanent;
 *   <li>anything else: transient and server-wide (retry rather than lose a notice).
 * </ul>
 *
 * Pure and thread-safe.
 */
final class SmtpErrors {
  private SmtpErrors() {}

  static SendResult classify(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      SendResult result =
          switch (t) {
            case SMTPAddressFailedException e -> byCode(e.getReturnCode(), describe(e), false);
            case SMTPSenderFailedException e -> byCode(e.getReturnCode(), describe(e), true);
            case SMTPSendFailedException e -> byCode(e.getReturnCode(), describe(e), false);
            case AuthenticationFailedException e ->
                new SendResult.Transient("authentication failed: " + describe(e), true);
            case AddressException e -> new SendResult.Permanent("invalid address: " + describe(e));
            case MailConnectException e ->
                new SendResult.Transient("cannot connect: " + describe(e), true);
            case ConnectException e ->
                new SendResult.Transient("cannot connect: " + describe(e), true);
            case UnknownHostException e ->
                new SendResult.Transient("unknown host: " + describe(e), true);
            case NoRouteToHostException e ->
                new SendResult.Transient("no route to host: " + describe(e), true);
            case SocketTimeoutException e ->
                new SendResult.Transient("timeout: " + describe(e), true);
            case SSLException e -> new SendResult.Transient("TLS failure: " + describe(e), true);
            default -> null;
          };
      if (result != null) {
        return result;
      }
    }
    String kind =
        failure instanceof MessagingException || failure instanceof IOException
            ? ""
            : failure.getClass().getSimpleName() + ": ";
    return new SendResult.Transient(kind + describe(failure), true);
  }

  /** By SMTP reply code, see the class comment. */
  static SendResult byCode(int code, String reason, boolean senderOrConnection) {
    String text = "SMTP " + code + ": " + reason;
    if (code >= 500 && code < 600) {
      return switch (code) {
        case 530, 534, 535, 538 -> new SendResult.Transient(text, true);
        default -> new SendResult.Permanent(text);
      };
    }
    return new SendResult.Transient(text, senderOrConnection || code == 421 || code < 400);
  }

  /** The exception's message on one line, at most 300 characters. */
  static String describe(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }
}
