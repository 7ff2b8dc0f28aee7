package dev.vigie.incident.notify;

import dev.vigie.incident.Language;
import dev.vigie.incident.notify.MessageBody.Block;
import dev.vigie.incident.notify.MessageBody.Callout;
import dev.vigie.incident.notify.MessageBody.Fact;
import dev.vigie.incident.notify.MessageBody.Facts;
import dev.vigie.incident.notify.MessageBody.Link;
import dev.vigie.incident.notify.MessageBody.Paragraph;
import dev.vigie.incident.notify.MessageBody.Quote;

/**
 * Renders a {@link MessageBody} as plain text and as simple HTML (inline styles only, as mail
 * clients strip style sheets). In HTML every piece of text, the URL included, is escaped: incident
 * titles and public updates are typed by operators and must not become markup.
 */
final class BodyRenderer {
  private BodyRenderer() {}

  /** Plain text, paragraphs separated by a blank line, {@code label + colon + value} fact lines. */
  static String text(MessageBody body, String colon) {
    StringBuilder out = new StringBuilder(body.greeting()).append("\n\n");
    for (Block block : body.blocks()) {
      switch (block) {
        case Paragraph p -> out.append(p.text());
        case Quote q -> out.append("    ").append(q.text().replace("\n", "\n    "));
        case Facts f -> {
          for (Fact row : f.rows()) {
            out.append(row.label()).append(colon).append(row.value()).append('\n');
          }
          out.setLength(out.length() - 1);
        }
        case Callout c -> out.append(c.before()).append(c.number()).append(c.after());
        case Link l -> out.append(l.label()).append('\n').append(l.url());
      }
      out.append("\n\n");
    }
    out.append(String.join("\n", body.signature()));
    out.append("\n\n-- \n").append(body.footer()).append('\n');
    return out.toString();
  }

  /** A complete HTML document in UTF-8. */
  static String html(MessageBody body, String subject, Language language) {
    StringBuilder out = new StringBuilder(1024);
    out.append("<!DOCTYPE html>\n<html lang=\"")
        .append(language.code())
        .append("\">\n<head><meta charset=\"utf-8\"><title>")
        .append(escape(subject))
        .append("</title></head>\n")
        .append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;")
        .append("line-height:1.45;color:#1f2328\">\n");
    out.append("<p>").append(lines(body.greeting())).append("</p>\n");
    for (Block block : body.blocks()) {
      switch (block) {
        case Paragraph p -> out.append("<p>").append(lines(p.text())).append("</p>");
        case Quote q ->
            out.append("<blockquote style=\"margin:0 0 1em 0;padding:4px 12px;")
                .append("border-left:3px solid #8c959f;color:#333\">")
                .append(lines(q.text()))
                .append("</blockquote>");
        case Facts f -> {
          out.append("<table style=\"border-collapse:collapse;margin:0 0 1em 0\">");
          for (Fact row : f.rows()) {
            out.append("<tr><th style=\"text-align:left;vertical-align:top;padding:2px 16px 2px 0;")
                .append("font-weight:600\">")
                .append(escape(row.label()))
                .append("</th><td style=\"padding:2px 0\">")
                .append(lines(row.value()))
                .append("</td></tr>");
          }
          out.append("</table>");
        }
        case Callout c ->
            out.append(
                    "<p style=\"padding:10px 14px;border:2px solid #cf222e;background:#fff5f5\">")
                .append(escape(c.before()))
                .append("<strong style=\"font-size:16px\">")
                .append(escape(c.number()))
                .append("</strong>")
                .append(escape(c.after()))
                .append("</p>");
        case Link l ->
            out.append("<p>")
                .append(escape(l.label()))
                .append("<br><a href=\"")
                .append(escape(l.url().toString()))
                .append("\">")
                .append(escape(l.url().toString()))
                .append("</a></p>");
      }
      out.append('\n');
    }
    out.append("<p>").append(lines(String.join("\n", body.signature()))).append("</p>\n");
    out.append("<p style=\"font-size:12px;color:#656d76\">")
        .append(escape(body.footer()))
        .append("</p>\n</body>\n</html>\n");
    return out.toString();
  }

  /** Escapes text for HTML element content and double-quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String lines(String text) {
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>\n");
  }
}
