package dev.vigie.server.paging;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.MailSender;
import dev.vigie.incident.notify.Notification;
import dev.vigie.incident.notify.NotificationType;
import dev.vigie.incident.notify.Recipient;
import dev.vigie.incident.notify.RenderedMessage;
import dev.vigie.incident.notify.SendResult;
import dev.vigie.server.paging.PagingConfig.ChannelSpec;
import dev.vigie.server.paging.PagingConfig.Person;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Sends one page through one channel and says what happened. Webhooks go through the JDK's {@link
 * HttpClient} (no redirects followed: a webhook that redirects is misconfigured), email through the
 * notifications' SMTP relay ({@link MailSender}, {@code notifications.smtp}). Never throws for a
 * delivery problem; the outcome's text never holds the URL, headers or body (they may carry
 * secrets): only the status code or the exception's class.
 */
final class Channels {

  /** The outcome of one attempt. */
  sealed interface Outcome {
    record Sent(String detail) implements Outcome {}

    /** Worth retrying: connection failure, timeout, 408, 425, 429, 5xx, a 4xx SMTP reply. */
    record Retry(String detail) implements Outcome {}

    /** Will not work as is: another 4xx, a redirect, a missing address, a 5xx SMTP reply. */
    record Refused(String detail) implements Outcome {}
  }

  private final HttpClient http;
  private final Duration timeout;
  private final MailSender mail;
  private final InstantSource clock;

  Channels(Duration timeout, MailSender mail, InstantSource clock) {
    this.timeout = timeout;
    this.mail = mail;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Outcome send(ChannelSpec c, PageMessage m, Person p, long deliveryId) {
    return switch (c.kind()) {
      case EMAIL -> email(m, p, deliveryId);
      case SLACK -> post(c, c.url().toString(), Payloads.slack(m, p), "application/json");
      case TEAMS ->
          post(c, c.url().toString(), Payloads.teams(m, p, c.format()), "application/json");
      case HTTP -> post(c, Payloads.url(c, m, p), Payloads.body(c, m, p), c.contentType());
    };
  }

  private Outcome post(ChannelSpec c, String url, String body, String contentType) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      return new Outcome.Refused("invalid URL after filling the template");
    }
    c.headers().forEach(b::header);
    if (c.method().equals("GET")) b.GET();
    else {
      b.header(
          "Content-Type", contentType + (contentType.contains("charset") ? "" : "; charset=utf-8"));
      b.method(c.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
      int s = r.statusCode();
      if (s >= 200 && s < 300) return new Outcome.Sent("HTTP " + s);
      if (s == 408 || s == 425 || s == 429 || s >= 500) return new Outcome.Retry("HTTP " + s);
      return new Outcome.Refused("HTTP " + s);
    } catch (IOException e) {
      return new Outcome.Retry(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Retry("interrupted");
    }
  }

  private Outcome email(PageMessage m, Person p, long deliveryId) {
    if (mail == null) return new Outcome.Retry("no notifications.smtp configured");
    if (p.email() == null) return new Outcome.Refused("no email address");
    String html =
        "<p><strong>"
            + Payloads.html(m.headline())
            + "</strong></p><p>"
            + Payloads.html(m.reason())
            + "<br>"
            + Payloads.html(m.title())
            + "<br>"
            + Payloads.html(m.level())
            + "</p><p><a href=\""
            + Payloads.html(m.ackUrl())
            + "\">"
            + Payloads.html(m.ackLabel())
            + "</a></p>";
    Notification n =
        Notification.pending(
            UUID.nameUUIDFromBytes(
                ("page-delivery:" + deliveryId).getBytes(StandardCharsets.UTF_8)),
            NotificationType.NOC_REMINDER,
            null,
            null,
            new Recipient(
                "noc",
                PageMessage.clean(p.name()),
                p.email(),
                "en".equals(p.language()) ? Language.EN : Language.FR),
            new RenderedMessage(m.headline(), m.text(), html),
            clock.instant(),
            "page:" + deliveryId);
    return switch (mail.send(n)) {
      case SendResult.Accepted a -> new Outcome.Sent("SMTP accepted");
      case SendResult.Transient t -> new Outcome.Retry("SMTP: " + t.reason());
      case SendResult.Permanent x -> new Outcome.Refused("SMTP: " + x.reason());
    };
  }
}
