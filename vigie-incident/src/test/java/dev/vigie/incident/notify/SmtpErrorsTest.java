package dev.vigie.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpErrorsTest {
  enum Expect {
    PERMANENT,
    TRANSIENT_MESSAGE,
    TRANSIENT_SERVER
  }

  static Stream<Arguments> failures() throws AddressException {
    InternetAddress to = new InternetAddress("it@acme.fr");
    return Stream.of(
        // a recipient rejected for good, chained under "Invalid Addresses" as Jakarta Mail does
        Arguments.of(
            invalid(
                new SMTPAddressFailedException(
                    to, "RCPT TO:<it@acme.fr>", 550, "550 5.1.1 User unknown")),
            Expect.PERMANENT),
        Arguments.of(
            new SMTPAddressFailedException(to, "RCPT", 553, "553 5.1.3 bad address"),
            Expect.PERMANENT),
        // greylisting and full mailboxes come back
        Arguments.of(
            invalid(new SMTPAddressFailedException(to, "RCPT", 450, "450 4.2.0 greylisted")),
            Expect.TRANSIENT_MESSAGE),
        Arguments.of(
            new SMTPSendFailedException(
                "DATA", 451, "451 4.3.0 local error", null, null, null, null),
            Expect.TRANSIENT_MESSAGE),
        Arguments.of(
            new SMTPSendFailedException(
                "DATA", 554, "554 5.7.1 rejected as spam", null, null, null, null),
            Expect.PERMANENT),
        // the server shutting down is about the server
        Arguments.of(
            new SMTPSendFailedException(
                "DATA", 421, "421 4.3.2 shutting down", null, null, null, null),
            Expect.TRANSIENT_SERVER),
        // our sender refused: every message would fail the same way, unless it is a 5xx
        Arguments.of(
            new SMTPSenderFailedException(
                new InternetAddress("noc@x.fr"), "MAIL", 451, "451 try later"),
            Expect.TRANSIENT_SERVER),
        // authentication codes are configuration problems: retry once the operator fixed them
        Arguments.of(
            new SMTPSendFailedException(
                "MAIL", 530, "530 5.7.0 Authentication required", null, null, null, null),
            Expect.TRANSIENT_SERVER),
        Arguments.of(
            new AuthenticationFailedException("535 5.7.8 invalid"), Expect.TRANSIENT_SERVER),
        // the relay is down or unreachable
        Arguments.of(
            new MailConnectException(
                new SocketConnectException(
                    "refused",
                    new ConnectException("Connection refused"),
                    "127.0.0.1",
                    2525,
                    1000)),
            Expect.TRANSIENT_SERVER),
        Arguments.of(
            new MessagingException("IOException", new SocketTimeoutException("Read timed out")),
            Expect.TRANSIENT_SERVER),
        // unknown: retry rather than lose a notice
        Arguments.of(new MessagingException("weird"), Expect.TRANSIENT_SERVER),
        // an address that does not even parse
        Arguments.of(new AddressException("Illegal address", "a b@c"), Expect.PERMANENT));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("failures")
  void classifies(Exception failure, Expect expected) {
    SendResult result = SmtpErrors.classify(failure);

    Expect actual =
        switch (result) {
          case SendResult.Permanent p -> Expect.PERMANENT;
          case SendResult.Transient t ->
              t.serverWide() ? Expect.TRANSIENT_SERVER : Expect.TRANSIENT_MESSAGE;
          case SendResult.Accepted a -> null;
        };
    assertThat(actual).isEqualTo(expected);
  }

  private static SendFailedException invalid(SMTPAddressFailedException cause) {
    return new SendFailedException("Invalid Addresses", cause);
  }
}
