package dev.vigie.incident.notify;

/**
 * A message ready to send: a one-line subject, a plain-text body and the same content as simple
 * HTML (every piece of user text escaped). Sent as {@code multipart/alternative}.
 */
public record RenderedMessage(String subject, String text, String html) {
  public RenderedMessage {
    subject = Text.singleLine(subject, "message.subject");
    Text.notNull(text, "message.text");
    Text.notNull(html, "message.html");
  }
}
